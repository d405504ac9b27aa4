//! Type objects: start-up of the built-in types, classes made by `class` statements (C3
//! linearization, `__slots__`, `__set_name__`, `__init_subclass__`), attribute lookup
//! along the MRO, and the methods of `type`.

use ferrite::{Gc, GcRef, RootVec};

use crate::builtins::registry::{self, Args, Binding, Owner};
use crate::objects::layout::*;
use crate::objects::{alloc, dict, new_items, new_tuple, str as pystr, tuple};
use crate::runtime::errors::{type_error, PyResult};
use crate::runtime::names::{N, NAME_TEXTS};
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};

/// What instances of a type are, in the heap.
pub const LAYOUT_OBJECT: i64 = 0;
pub const LAYOUT_TYPE: i64 = 1;
pub const LAYOUT_VALUE: i64 = 2;
pub const LAYOUT_EXCEPTION: i64 = 3;

/// A class made by Python code: its attributes can be set.
pub const TYPE_HEAP: i64 = 1;
/// Python code may subclass it.
pub const TYPE_BASETYPE: i64 = 2;
/// Instances have a `__dict__` (no `__slots__` without it).
pub const TYPE_HAS_DICT: i64 = 4;
/// It defines `__getattr__` or `__getattribute__` somewhere in its MRO.
pub const TYPE_CUSTOM_GETATTR: i64 = 8;

/// Create the built-in types and singletons and install the object space on this thread.
pub fn bootstrap() -> PyResult<()> {
    let none = alloc(PySingleton {
        kind: SINGLETON_NONE,
    })
    .unwrap_or_else(startup_out_of_memory)
    .erase();
    let not_implemented = alloc(PySingleton {
        kind: SINGLETON_NOT_IMPLEMENTED,
    })
    .unwrap_or_else(startup_out_of_memory)
    .erase();
    let ellipsis = alloc(PySingleton {
        kind: SINGLETON_ELLIPSIS,
    })
    .unwrap_or_else(startup_out_of_memory)
    .erase();
    let true_ = alloc(PyBool { value: true })
        .unwrap_or_else(startup_out_of_memory)
        .erase();
    let false_ = alloc(PyBool { value: false })
        .unwrap_or_else(startup_out_of_memory)
        .erase();
    let empty_tuple = new_items(0).unwrap_or_else(startup_out_of_memory).erase();
    let names: Vec<GcRef> = NAME_TEXTS
        .iter()
        .map(|t| pystr::new_str_uninterned(t).unwrap_or_else(startup_out_of_memory))
        .collect();
    let mut types: Vec<Gc<PyType>> = Vec::new();
    for (index, &(name, base, layout, subclassable)) in BUILTIN_TYPES.iter().enumerate() {
        let name_str = pystr::new_str_uninterned(name).unwrap_or_else(startup_out_of_memory);
        let bases = if base == NO_BASE {
            empty_tuple
        } else {
            let items = new_items(1).unwrap_or_else(startup_out_of_memory);
            items.set(0, Some(types[base].erase()));
            items.erase()
        };
        let mut flags = if subclassable { TYPE_BASETYPE } else { 0 };
        if layout == LAYOUT_EXCEPTION || index == T_FUNCTION || index == T_MODULE {
            flags |= TYPE_HAS_DICT;
        }
        let t = alloc(PyType {
            metaclass: None,
            name: name_str,
            qualname: name_str,
            bases,
            mro: empty_tuple,
            dict: dict::new_dict().unwrap_or_else(startup_out_of_memory),
            layout,
            flags,
            builtin_index: index as i64,
            slots: None,
            version: 0,
        })
        .unwrap_or_else(startup_out_of_memory);
        // The MRO: the type, then its base's.
        let base_mro: Vec<GcRef> = if base == NO_BASE {
            Vec::new()
        } else {
            tuple::to_vec(types[base].mro())
        };
        let mro = new_items(base_mro.len() + 1).unwrap_or_else(startup_out_of_memory);
        mro.set(0, Some(t.erase()));
        for (i, m) in base_mro.iter().enumerate() {
            mro.set(i + 1, Some(*m));
        }
        t.set_mro(mro.erase());
        types.push(t);
    }
    // ExceptionGroup is the one built-in with two bases: (BaseExceptionGroup, Exception).
    let group = types[T_EXCEPTION_GROUP];
    let bases = new_items(2).unwrap_or_else(startup_out_of_memory);
    bases.set(0, Some(types[T_BASE_EXCEPTION_GROUP].erase()));
    bases.set(1, Some(types[T_EXCEPTION].erase()));
    group.set_bases(bases.erase());
    let group_mro = [
        T_EXCEPTION_GROUP,
        T_BASE_EXCEPTION_GROUP,
        T_EXCEPTION,
        T_BASE_EXCEPTION,
        T_OBJECT,
    ];
    let mro = new_items(group_mro.len()).unwrap_or_else(startup_out_of_memory);
    for (i, index) in group_mro.iter().enumerate() {
        mro.set(i, Some(types[*index].erase()));
    }
    group.set_mro(mro.erase());
    let small_ints: Vec<GcRef> = (SMALL_INT_MIN..=SMALL_INT_MAX)
        .map(|v| {
            alloc(PyInt { value: v })
                .unwrap_or_else(startup_out_of_memory)
                .erase()
        })
        .collect();
    let memory_error = alloc(PyException {
        cls: types[T_MEMORY_ERROR],
        args: empty_tuple,
        traceback: None,
        cause: None,
        context: None,
        suppress_context: false,
        dict: None,
    })
    .unwrap_or_else(startup_out_of_memory)
    .erase();
    let empty_map = alloc(PyMap {
        names: new_items(0).unwrap_or_else(startup_out_of_memory),
        count: 0,
        transitions: None,
        parent: None,
    })
    .unwrap_or_else(startup_out_of_memory)
    .erase();
    let modules = dict::new_dict()
        .unwrap_or_else(startup_out_of_memory)
        .erase();
    let common_values =
        new_items(COMMON_SMALL_INTS + small_ints.len()).unwrap_or_else(startup_out_of_memory);
    for (i, value) in [none, true_, false_].into_iter().enumerate() {
        common_values.set(i, Some(value));
    }
    for (i, value) in small_ints.iter().enumerate() {
        common_values.set(COMMON_SMALL_INTS + i, Some(*value));
    }
    space::install(Space::new(Fixed {
        types,
        none,
        not_implemented,
        ellipsis,
        true_,
        false_,
        empty_tuple,
        builtins: none,
        modules,
        memory_error,
        empty_map,
        sys: none,
        names,
        small_ints,
        common_values: common_values.erase(),
    }));
    // Interned names are now known; register them as the interned strings.
    for (i, text) in NAME_TEXTS.iter().enumerate() {
        space::add_interned(text, space::name(crate::runtime::names::by_index(i)));
    }
    space::register_ascii_chars()?;
    for index in 0..BUILTIN_TYPE_COUNT {
        let t = space::builtin_type(index);
        let name = t.name();
        dict::set_item(t.dict(), space::name(N::name), name)?;
        if index >= FIRST_EXCEPTION || index == T_OBJECT {
            dict::set_item(
                t.dict(),
                space::name(N::module),
                pystr::new_str("builtins")?,
            )?;
        }
    }
    install_natives()?;
    for index in 0..BUILTIN_TYPE_COUNT {
        space::builtin_type(index).set_version(crate::objects::method_cache::new_version());
    }
    Ok(())
}

/// The heap is too small to even start.
fn startup_out_of_memory<T>(_: Gc<PyException>) -> T {
    panic!("out of memory while starting up")
}

/// Put each native function into its type's dict or module's list.
fn install_natives() -> PyResult<()> {
    let defs = registry::registry();
    let mut id = 0;
    while id < defs.len() {
        let def = defs[id];
        if let Owner::Type(index) = def.owner {
            let t = space::builtin_type(index);
            let function = alloc(PyBuiltin {
                id: id as i64,
                bound: None,
            })?
            .erase();
            let value = match def.binding {
                Binding::Method => function,
                Binding::Static => wrapper(T_STATICMETHOD, Some(function), None)?,
                Binding::Class => wrapper(T_CLASSMETHOD, Some(function), None)?,
                Binding::Property(setter) => {
                    let setter = match setter {
                        Some(_) => {
                            id += 1;
                            Some(
                                alloc(PyBuiltin {
                                    id: id as i64,
                                    bound: None,
                                })?
                                .erase(),
                            )
                        }
                        None => None,
                    };
                    wrapper(T_GETSET_DESCRIPTOR, Some(function), setter)?
                }
            };
            dict::set_item(t.dict(), pystr::intern(def.name)?, value)?;
        } else if let Binding::Property(Some(_)) = def.binding {
            id += 1;
        }
        id += 1;
    }
    Ok(())
}

pub fn wrapper(kind: usize, first: Option<GcRef>, second: Option<GcRef>) -> PyResult<GcRef> {
    Ok(alloc(PyWrapper {
        kind: kind as i64,
        first,
        second,
        third: None,
        fourth: None,
        dict: None,
    })?
    .erase())
}

pub fn type_name(t: Gc<PyType>) -> String {
    pystr::to_string(t.name())
}

/// The name of a value's type, for error messages.
pub fn type_name_of(object: GcRef) -> String {
    type_name(space::type_of(object))
}

/// Find `name` (an interned or any `str`) along `t`'s MRO (through the method cache).
pub fn lookup(t: Gc<PyType>, name: GcRef) -> Option<GcRef> {
    let Some(s) = name.downcast::<PyStr>() else {
        return lookup_uncached(t, name);
    };
    if s.hash() == -1 {
        pystr::hash(s);
    }
    if let Some(hit) = crate::objects::method_cache::get(t, s) {
        return hit;
    }
    let found = lookup_uncached(t, name);
    crate::objects::method_cache::put(t, s, found);
    found
}

fn lookup_uncached(t: Gc<PyType>, name: GcRef) -> Option<GcRef> {
    let mro = t.mro().downcast::<Items>().expect("the MRO is a tuple");
    for i in 0..mro.len() {
        let base = mro
            .get(i)
            .and_then(|b| b.downcast::<PyType>())
            .expect("the MRO holds types");
        if let Some(value) = dict::get_str(base.dict(), name) {
            return Some(value);
        }
    }
    None
}

/// A type's dict changed: give it and every subclass a new version, so the method cache
/// forgets them.
pub fn invalidate(t: Gc<PyType>) {
    t.set_version(crate::objects::method_cache::new_version());
    for i in 0..space::class_count() {
        let c = space::class_at(i);
        if c != t && is_subtype(c, t) {
            c.set_version(crate::objects::method_cache::new_version());
        }
    }
}

/// `lookup` of a well-known name.
#[inline]
pub fn lookup_name(t: Gc<PyType>, which: N) -> Option<GcRef> {
    lookup(t, space::name(which))
}

pub fn is_subtype(t: Gc<PyType>, base: Gc<PyType>) -> bool {
    if t == base {
        return true;
    }
    let mro = t.mro();
    (0..tuple::len(mro)).any(|i| tuple::get(mro, i) == base.erase())
}

pub fn is_instance_of_builtin(object: GcRef, index: usize) -> bool {
    is_subtype(space::type_of(object), space::builtin_type(index))
}

/// C3 linearization of a new class with these bases.
/// (The merge itself allocates nothing, so its `Vec`s of references stay valid; the result
/// is handed back rooted.)
pub fn compute_mro(t: Gc<PyType>, bases: &[Gc<PyType>]) -> PyResult<RootVec<GcRef>> {
    let mut sequences: Vec<Vec<GcRef>> = bases.iter().map(|b| tuple::to_vec(b.mro())).collect();
    sequences.push(bases.iter().map(|b| b.erase()).collect());
    let mut result = vec![t.erase()];
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            let rooted = RootVec::new();
            for r in result {
                rooted.push(r);
            }
            return Ok(rooted);
        }
        let candidate = sequences
            .iter()
            .map(|s| s[0])
            .find(|&head| !sequences.iter().any(|s| s[1..].contains(&head)));
        match candidate {
            Some(head) => {
                result.push(head);
                for s in sequences.iter_mut() {
                    if s[0] == head {
                        s.remove(0);
                    }
                }
            }
            None => {
                // CPython names the classes still in conflict: the remaining heads.
                let mut names: Vec<String> = Vec::new();
                for sequence in &sequences {
                    let head = sequence[0]
                        .downcast::<PyType>()
                        .map(type_name)
                        .unwrap_or_default();
                    if !names.contains(&head) {
                        names.push(head);
                    }
                }
                return type_error(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                ));
            }
        }
    }
}

/// `type(name, bases, namespace)` and class statements: make a new class.
pub fn new_class(
    metaclass: Gc<PyType>,
    name: GcRef,
    bases: GcRef,
    namespace: Gc<PyDict>,
) -> PyResult<GcRef> {
    let mut base_types: Vec<Gc<PyType>> = Vec::new();
    for base in tuple::to_vec(bases) {
        match base.downcast::<PyType>() {
            Some(b) => {
                if b.flags() & TYPE_BASETYPE == 0 {
                    return type_error(format!(
                        "type '{}' is not an acceptable base type",
                        type_name(b)
                    ));
                }
                base_types.push(b)
            }
            None => return type_error("bases must be types"),
        }
    }
    for (i, b) in base_types.iter().enumerate() {
        if base_types[..i].contains(b) {
            return type_error(format!("duplicate base class {}", type_name(*b)));
        }
    }
    if base_types.is_empty() {
        base_types.push(space::builtin_type(T_OBJECT));
    }
    let bases_tuple = {
        let refs: Vec<GcRef> = base_types.iter().map(|b| b.erase()).collect();
        new_tuple(&refs)?
    };
    // The layout: the most derived built-in layout among the bases.
    let mut builtin_index = T_OBJECT;
    let mut layout = LAYOUT_OBJECT;
    for b in &base_types {
        let bi = b.builtin_index() as usize;
        if bi != T_OBJECT {
            if builtin_index != T_OBJECT
                && !is_subtype(space::builtin_type(bi), space::builtin_type(builtin_index))
            {
                // Every exception has the same layout, so `class E(OSError, ValueError)`
                // is fine (the first base's built-in type stays the one it derives from).
                let both_exceptions = layout == LAYOUT_EXCEPTION && b.layout() == LAYOUT_EXCEPTION;
                if !both_exceptions
                    && !is_subtype(space::builtin_type(builtin_index), space::builtin_type(bi))
                {
                    return type_error("multiple bases have instance lay-out conflict");
                }
                continue;
            }
            builtin_index = bi;
            layout = b.layout();
        }
    }
    let dict = dict::copy(namespace)?;
    // `type(name, bases, ns)` called from code: `__module__` is the caller's module.
    if dict::get_str(dict, space::name(N::module)).is_none() {
        if let Some(frame) = space::current_frame() {
            if let Some(module) = dict::get_str(frame.globals(), space::name(N::name)) {
                dict::set_item(dict, space::name(N::module), module)?;
            }
        }
    }
    // A class that defines `__eq__` but not `__hash__` is unhashable.
    if dict::get_str(dict, space::name(N::eq)).is_some()
        && dict::get_str(dict, space::name(N::hash)).is_none()
    {
        dict::set_item(dict, space::name(N::hash), space::none())?;
    }
    let meta = if metaclass == space::builtin_type(T_TYPE) {
        None
    } else {
        Some(metaclass.erase())
    };
    let t = alloc(PyType {
        metaclass: meta,
        name,
        qualname: name,
        bases: bases_tuple,
        mro: space::empty_tuple(),
        dict,
        layout,
        flags: TYPE_HEAP | TYPE_BASETYPE | TYPE_HAS_DICT,
        builtin_index: builtin_index as i64,
        slots: None,
        version: 0,
    })?;
    let mro = compute_mro(t, &base_types)?;
    t.set_mro(tuple::from_roots(&mro)?);
    if let Some(qualname) = dict::get_str(dict, space::name(N::qualname)) {
        if !qualname.is::<PyStr>() {
            return type_error(format!(
                "type __qualname__ must be a str, not {}",
                type_name_of(qualname)
            ));
        }
        t.set_qualname(qualname);
        dict::del_str(dict, space::name(N::qualname))?;
    }
    // __slots__: instances get fixed storage for these names and no __dict__ (unless a
    // base has one or '__dict__' is among them).
    if let Some(slots) = dict::get_str(dict, space::name(N::slots)) {
        // Rooted lists: interning the names below allocates.
        let names = if slots.is::<PyStr>() {
            let one = RootVec::new();
            one.push(slots);
            one
        } else {
            ops::collect(slots)?
        };
        let mut has_dict = base_types
            .iter()
            .any(|b| b.flags() & TYPE_HAS_DICT != 0 && b.flags() & TYPE_HEAP != 0);
        let own: RootVec<GcRef> = RootVec::new();
        // Slots of bases come first in the storage.
        let all: RootVec<GcRef> = RootVec::new();
        for b in &base_types {
            if let Some(inherited) = b.slots() {
                for i in 0..tuple::len(inherited) {
                    all.push(tuple::get(inherited, i));
                }
            }
        }
        for k in 0..names.len() {
            let n = names.get(k);
            if !n.is::<PyStr>() {
                return type_error(format!(
                    "__slots__ items must be strings, not '{}'",
                    type_name_of(n)
                ));
            }
            let text = pystr::to_string(n);
            if text == "__dict__" {
                has_dict = true;
                continue;
            }
            let mangled = if text.starts_with("__") && !text.ends_with("__") {
                format!(
                    "_{}{}",
                    pystr::to_string(name).trim_start_matches('_'),
                    text
                )
            } else {
                text.clone()
            };
            let key = pystr::intern(&mangled)?;
            if dict::get_str(dict, key).is_some() {
                return crate::runtime::errors::value_error(format!(
                    "'{text}' in __slots__ conflicts with class variable"
                ));
            }
            own.push(key);
        }
        let inherited_count = all.len();
        for i in 0..own.len() {
            let n = own.get(i);
            let index = inherited_count + i;
            let descriptor = alloc(PyWrapper {
                kind: T_MEMBER_DESCRIPTOR as i64,
                first: Some(n),
                second: Some(crate::objects::new_int(index as i64)?),
                third: Some(t.erase()),
                fourth: None,
                dict: None,
            })?
            .erase();
            dict::set_item(dict, n, descriptor)?;
            all.push(n);
        }
        t.set_slots(Some(tuple::from_roots(&all)?));
        if !has_dict {
            t.set_flags(t.flags() & !TYPE_HAS_DICT);
        }
    } else if let Some(inherited) = base_types.iter().find_map(|b| b.slots()) {
        t.set_slots(Some(inherited));
    }
    // __new__ given as a function is a static method; __init_subclass__ and
    // __class_getitem__ are class methods.
    for (n, kind) in [
        (N::new, T_STATICMETHOD),
        (N::init_subclass, T_CLASSMETHOD),
        (N::class_getitem, T_CLASSMETHOD),
    ] {
        if let Some(f) = dict::get_str(dict, space::name(n)) {
            if f.is::<PyFunction>() {
                dict::set_item(dict, space::name(n), wrapper(kind, Some(f), None)?)?;
            }
        }
    }
    // Like CPython, the first class in a hierarchy to have instance dicts shows the
    // `__dict__` descriptor in its own dict.
    let inherits_dict = base_types
        .iter()
        .any(|b| b.flags() & TYPE_HEAP != 0 && b.flags() & TYPE_HAS_DICT != 0);
    if t.flags() & TYPE_HAS_DICT != 0
        && !inherits_dict
        && dict::get_str(dict, space::name(N::dict)).is_none()
    {
        if let Some(descriptor) = lookup_name(space::builtin_type(T_OBJECT), N::dict) {
            dict::set_item(dict, space::name(N::dict), descriptor)?;
        }
    }
    update_custom_getattr(t);
    space::record_class(t);
    t.set_version(crate::objects::method_cache::new_version());
    // The __class__ cell of the methods.
    if let Some(cell) = dict::get_str(dict, space::name(N::classcell)) {
        if let Some(cell) = cell.downcast::<PyCell>() {
            cell.set_contents(Some(t.erase()));
        }
        dict::del_str(dict, space::name(N::classcell))?;
    }
    // __set_name__ on attributes, then __init_subclass__ of the parent.
    let items = dict::snapshot(dict)?;
    for i in (0..items.len()).step_by(2) {
        let key = items.get(i).expect("a key");
        let value = items.get(i + 1).expect("a value");
        let value_type = space::type_of(value);
        if let Some(set_name) = lookup_name(value_type, N::set_name) {
            let bound = crate::objects::descriptors::bind(set_name, Some(value), value_type)?;
            call::call_function(bound, &[t.erase(), key]).inspect_err(|e| {
                crate::runtime::errors::add_note_text(
                    *e,
                    &format!(
                        "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                        type_name(value_type),
                        pystr::to_string(key),
                        pystr::to_string(name)
                    ),
                );
            })?;
        }
    }
    Ok(t.erase())
}

/// Remember whether attribute access on instances must go through a Python-level
/// `__getattribute__`/`__getattr__`.
pub fn update_custom_getattr(t: Gc<PyType>) {
    let object_getattribute = lookup_name(space::builtin_type(T_OBJECT), N::getattribute);
    let custom = lookup_name(t, N::getattr).is_some()
        || lookup_name(t, N::getattribute) != object_getattribute;
    if custom {
        t.set_flags(t.flags() | TYPE_CUSTOM_GETATTR);
    } else {
        t.set_flags(t.flags() & !TYPE_CUSTOM_GETATTR);
    }
}

/// `__init_subclass__` of the new class's parent, with the class keywords.
pub fn init_subclass(t: GcRef, kwargs: &Args) -> PyResult<()> {
    let t_type = t.downcast::<PyType>().expect("a class");
    // super(t, t).__init_subclass__(**kwargs): look it up after t in the MRO.
    let mro = tuple::to_vec(t_type.mro());
    for base in mro.iter().skip(1) {
        let base = base.downcast::<PyType>().expect("a type");
        if let Some(f) = dict::get_str(base.dict(), space::name(N::init_subclass)) {
            let bound = crate::objects::descriptors::bind(f, Some(t), t_type)?;
            call::call_with_args(bound, kwargs)?;
            return Ok(());
        }
    }
    Ok(())
}

// ---- methods of `type` -----------------------------------------------------------------

pub fn methods() -> Vec<registry::NativeDef> {
    use registry::*;
    vec![
        static_method(T_TYPE, "__new__", type_new),
        method(T_TYPE, "__init__", type_init),
        method(T_TYPE, "__call__", type_call),
        method(T_TYPE, "__repr__", type_repr),
        method(T_TYPE, "mro", type_mro),
        method(T_TYPE, "__dir__", type_dir),
        method(T_TYPE, "__subclasses__", type_subclasses),
        method(T_TYPE, "__instancecheck__", type_instancecheck),
        method(T_TYPE, "__subclasscheck__", type_subclasscheck),
        class_method(T_TYPE, "__prepare__", type_prepare),
        property(T_TYPE, "__name__", type_get_name, Some(type_set_name)),
        property(
            T_TYPE,
            "__qualname__",
            type_get_qualname,
            Some(type_set_qualname),
        ),
        property(T_TYPE, "__mro__", type_get_mro, None),
        property(T_TYPE, "__bases__", type_get_bases, None),
        property(T_TYPE, "__base__", type_get_base, None),
        property(T_TYPE, "__dict__", type_get_dict, None),
        property(T_TYPE, "__doc__", type_get_doc, None),
        property(T_TYPE, "__module__", type_get_module, None),
        property(T_TYPE, "__annotations__", type_get_annotations, None),
    ]
}

fn as_type(object: GcRef) -> PyResult<Gc<PyType>> {
    match object.downcast::<PyType>() {
        Some(t) => Ok(t),
        None => type_error(format!(
            "descriptor requires a 'type' object but received a '{}'",
            type_name_of(object)
        )),
    }
}

/// `type(x)` and `type(name, bases, dict)`.
fn type_new(args: &Args) -> PyResult<GcRef> {
    let metaclass = as_type(args.get(0))?;
    let n = args.len();
    if n == 2 && metaclass == space::builtin_type(T_TYPE) {
        return Ok(space::type_of(args.get(1)).erase());
    }
    if n != 4 {
        return type_error("type() takes 1 or 3 arguments");
    }
    let name = args.get(1);
    if !name.is::<PyStr>() {
        return type_error(format!(
            "type.__new__() argument 1 must be str, not {}",
            type_name_of(name)
        ));
    }
    let bases = args.get(2);
    if !bases.is::<Items>() {
        return type_error(format!(
            "type.__new__() argument 2 must be tuple, not {}",
            type_name_of(bases)
        ));
    }
    let Some(namespace) = crate::objects::dict::as_dict(args.get(3)) else {
        return type_error(format!(
            "type.__new__() argument 3 must be dict, not {}",
            type_name_of(args.get(3))
        ));
    };
    // The most derived metaclass among the bases'.
    let mut winner = metaclass;
    for b in tuple::to_vec(bases) {
        let bt = space::type_of(b);
        if is_subtype(winner, bt) {
            continue;
        }
        if is_subtype(bt, winner) {
            winner = bt;
            continue;
        }
        return type_error("metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases");
    }
    let class = new_class(winner, name, bases, namespace)?;
    let kwargs = Args {
        items: args.items,
        start: args.start + args.len(),
        count: args.keyword_count(),
        kwnames: args.kwnames,
    };
    let kw = keywords_only(args, kwargs)?;
    init_subclass(class, &kw)?;
    Ok(class)
}

/// The keyword part of `args` as an `Args` of its own.
fn keywords_only(args: &Args, _: Args) -> PyResult<Args> {
    let n = args.keyword_count();
    let items = new_items(n)?;
    for i in 0..n {
        items.set(i, Some(args.keyword_at(i).1));
    }
    Ok(Args::new(items, 0, n, args.kwnames))
}

/// `type.__init__`: the class is complete after `__new__`; only the arity is checked.
fn type_init(args: &Args) -> PyResult<GcRef> {
    let n = args.len();
    if n != 2 && n != 4 {
        return type_error("type.__init__() takes 1 or 3 arguments");
    }
    Ok(space::none())
}

fn type_call(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    call::construct(t, &args.shifted())
}

pub fn type_repr(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    let module = dict::get_str(t.dict(), space::name(N::module)).filter(|m| m.is::<PyStr>());
    let qualname = pystr::to_string(t.qualname());
    let text = match module.map(pystr::to_string) {
        Some(m) if m != "builtins" => format!("<class '{m}.{qualname}'>"),
        _ => format!("<class '{qualname}'>"),
    };
    pystr::new_str(&text)
}

/// `dir(cls)`: the names in the class and its bases' dicts.
fn type_dir(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    let names = crate::objects::set::new_set(false)?;
    let mro = t.mro();
    for i in 0..tuple::len(mro) {
        let base = tuple::get(mro, i).downcast::<PyType>().expect("a type");
        crate::objects::set::update(names, base.dict().erase())?;
    }
    Ok(ops::collect_list(names.erase())?.erase())
}

fn type_mro(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    crate::objects::list::from_vec(&tuple::to_vec(t.mro()))
}

/// The classes whose direct bases include this one, oldest first.
fn type_subclasses(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    let result = crate::objects::list::new_list(0)?;
    for i in 0..space::class_count() {
        let c = space::class_at(i);
        let bases = c.bases();
        if (0..tuple::len(bases)).any(|k| tuple::get(bases, k) == t.erase()) {
            crate::objects::list::append(result, c.erase())?;
        }
    }
    Ok(result.erase())
}

fn type_instancecheck(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    Ok(space::bool_(is_subtype(space::type_of(args.get(1)), t)))
}

fn type_subclasscheck(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    let Some(sub) = args.get(1).downcast::<PyType>() else {
        return type_error("issubclass() arg 1 must be a class");
    };
    Ok(space::bool_(is_subtype(sub, t)))
}

fn type_prepare(_args: &Args) -> PyResult<GcRef> {
    Ok(dict::new_dict()?.erase())
}

fn type_get_name(args: &Args) -> PyResult<GcRef> {
    Ok(as_type(args.get(0))?.name())
}

fn type_set_name(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    if t.flags() & TYPE_HEAP == 0 {
        return type_error(format!(
            "cannot set '__name__' attribute of immutable type '{}'",
            type_name(t)
        ));
    }
    let value = args.get(1);
    if !value.is::<PyStr>() {
        return type_error(format!(
            "can only assign string to {}.__name__, not '{}'",
            type_name(t),
            type_name_of(value)
        ));
    }
    t.set_name(value);
    Ok(space::none())
}

fn type_get_qualname(args: &Args) -> PyResult<GcRef> {
    Ok(as_type(args.get(0))?.qualname())
}

fn type_set_qualname(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    t.set_qualname(args.get(1));
    Ok(space::none())
}

fn type_get_mro(args: &Args) -> PyResult<GcRef> {
    Ok(as_type(args.get(0))?.mro())
}

fn type_get_bases(args: &Args) -> PyResult<GcRef> {
    Ok(as_type(args.get(0))?.bases())
}

fn type_get_base(args: &Args) -> PyResult<GcRef> {
    let bases = as_type(args.get(0))?.bases();
    if tuple::len(bases) == 0 {
        return Ok(space::none());
    }
    Ok(tuple::get(bases, 0))
}

fn type_get_dict(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    Ok(alloc(PyWrapper {
        kind: T_MAPPING_PROXY as i64,
        first: Some(t.dict().erase()),
        second: None,
        third: None,
        fourth: None,
        dict: None,
    })?
    .erase())
}

fn type_get_doc(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    Ok(dict::get_str(t.dict(), space::name(N::doc)).unwrap_or_else(space::none))
}

fn type_get_module(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    match dict::get_str(t.dict(), space::name(N::module)) {
        Some(m) => Ok(m),
        None => pystr::new_str("builtins"),
    }
}

fn type_get_annotations(args: &Args) -> PyResult<GcRef> {
    let t = as_type(args.get(0))?;
    match dict::get_str(t.dict(), space::name(N::annotations)) {
        Some(a) => Ok(a),
        None => {
            let d = dict::new_dict()?.erase();
            if t.flags() & TYPE_HEAP != 0 {
                dict::set_item(t.dict(), space::name(N::annotations), d)?;
                invalidate(t);
            }
            Ok(d)
        }
    }
}

/// `__mro_entries__` of non-class bases (PEP 560): the bases a class statement really uses.
pub fn resolve_mro_entries(bases: GcRef) -> PyResult<GcRef> {
    let n = tuple::len(bases);
    let mut changed = false;
    let result = crate::objects::list::new_list(n)?;
    for i in 0..n {
        let base = tuple::get(bases, i);
        if base.is::<PyType>() {
            crate::objects::list::append(result, base)?;
            continue;
        }
        match lookup_name(space::type_of(base), N::mro_entries) {
            Some(method) => {
                let bound =
                    crate::objects::descriptors::bind(method, Some(base), space::type_of(base))?;
                let entries = call::call_function(bound, &[bases])?;
                if !entries.is::<Items>() {
                    return type_error("__mro_entries__ must return a tuple");
                }
                for k in 0..tuple::len(entries) {
                    crate::objects::list::append(result, tuple::get(entries, k))?;
                }
                changed = true;
            }
            None => crate::objects::list::append(result, base)?,
        }
    }
    if !changed {
        return Ok(bases);
    }
    tuple::from_array(result.items(), 0, crate::objects::list::len(result))
}
