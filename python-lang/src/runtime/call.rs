//! Calling: functions written in Python (binding the arguments into a new frame, with
//! CPython's error messages), native functions, bound methods, classes (`__new__` then
//! `__init__`) and objects with `__call__`.
//!
//! Arguments travel as an `Args`: a window of a GC array (often the caller's value stack,
//! so a call copies nothing) with the keyword names last.

use ferrite::{ArrayView, Gc, GcRef, GcType};

use crate::builtins::registry::{self, Args};
use crate::compiler::bytecode::flags;
use crate::objects::layout::*;
use crate::objects::typeobject::{self, lookup_name, type_name, type_name_of};
use crate::objects::{alloc, dict, instance, new_items, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{eval, generator};

/// Call `f` with positional arguments.
#[inline]
pub fn call_function(f: GcRef, args: &[GcRef]) -> PyResult<GcRef> {
    call_with_first(f, None, args)
}

/// Call `f` with `first` (if given) then `args` as its positional arguments: a method
/// found on a type called with its receiver, without making a bound method.
pub fn call_with_first(f: GcRef, first: Option<GcRef>, args: &[GcRef]) -> PyResult<GcRef> {
    if let Some(function) = f.load_as::<PyFunction>() {
        let positional = Positional::Values { first, rest: args };
        if let Some(result) = call_positional(f, &function, positional) {
            return result;
        }
    }
    // One spare slot in front, for a bound method's receiver.
    let before = usize::from(first.is_some());
    let items = new_items(args.len() + before + 1)?;
    if first.is_some() {
        items.set(1, first);
    }
    for (i, a) in args.iter().enumerate() {
        items.set(i + before + 1, Some(*a));
    }
    call_with_spare_slot(f, Args::new(items, 1, args.len() + before, None))
}

/// Call `f` with `args`.
pub fn call_with_args(f: GcRef, args: &Args) -> PyResult<GcRef> {
    if needs_receiver_slot(f) {
        let items = new_items(args.count + 1)?;
        for i in 0..args.count {
            items.set(i + 1, args.items.get(args.start + i));
        }
        return call_with_spare_slot(f, Args::new(items, 1, args.count, args.kwnames));
    }
    call_object(f, args)
}

fn needs_receiver_slot(f: GcRef) -> bool {
    f.is::<PyMethod>()
        || f.downcast::<PyBuiltin>()
            .is_some_and(|b| b.bound().is_some())
}

/// Call `f` with `args`, whose array has a free slot just before `args.start` that a
/// bound method's receiver may be written into (as the eval loop's `NULL` slot is).
pub fn call_with_spare_slot(f: GcRef, args: Args) -> PyResult<GcRef> {
    // One read of the header says which kind of callable; the common ones first.
    let id = f.descriptor_id();
    if id == PyFunction::descriptor_id() {
        return call_python(f.downcast().expect("checked"), &args);
    }
    if id == PyMethod::descriptor_id() {
        let PyMethod {
            function, receiver, ..
        } = f.load_as::<PyMethod>().expect("checked");
        args.items.set(args.start - 1, Some(receiver));
        let shifted = Args::new(args.items, args.start - 1, args.count + 1, args.kwnames);
        return call_object(function, &shifted);
    }
    if id == PyBuiltin::descriptor_id() {
        let builtin = f.load_as::<PyBuiltin>().expect("checked");
        if let Some(receiver) = builtin.bound {
            args.items.set(args.start - 1, Some(receiver));
            let shifted = Args::new(args.items, args.start - 1, args.count + 1, args.kwnames);
            return (registry::native(builtin.id).func)(&shifted);
        }
        return call_builtin(builtin.id, &args);
    }
    call_object(f, &args)
}

/// Call an object that is not a bound method (those need a receiver slot).
pub fn call_object(f: GcRef, args: &Args) -> PyResult<GcRef> {
    let id = f.descriptor_id();
    if id == PyFunction::descriptor_id() {
        return call_python(f.downcast().expect("checked"), args);
    }
    if id == PyBuiltin::descriptor_id() {
        let builtin = f.load_as::<PyBuiltin>().expect("checked");
        if builtin.bound.is_none() {
            return call_builtin(builtin.id, args);
        }
        return call_with_args(f, args);
    }
    if id == PyType::descriptor_id() {
        return call_type(f.downcast().expect("checked"), args);
    }
    if id == PyMethod::descriptor_id() {
        return call_with_args(f, args);
    }
    let t = space::type_of(f);
    match lookup_name(t, N::call) {
        Some(method) => {
            let bound = crate::objects::descriptors::bind(method, Some(f), t)?;
            call_with_args(bound, args)
        }
        None => type_error(format!("'{}' object is not callable", type_name_of(f))),
    }
}

/// Call the unbound native function `id` (a method's receiver is the first argument).
#[inline(always)]
fn call_builtin(id: i64, args: &Args) -> PyResult<GcRef> {
    let def = registry::native(id);
    if let registry::Owner::Type(owner) = def.owner {
        // The common case, a method called with a receiver of exactly its type (what
        // `LOAD_METHOD` finds), is checked here without a call.
        let exact = args.kwnames.is_none()
            && args.count > 0
            && space::builtin_type_index(args.get(0)) == Some(owner);
        if !exact {
            check_receiver(def, owner, args)?;
        }
    }
    (def.func)(args)
}

/// A method of a built-in type called unbound (`list.append(x, 1)`) must get an instance
/// of its type first, as CPython's method descriptors check; the natives rely on it.
fn check_receiver(def: &registry::NativeDef, owner: usize, args: &Args) -> PyResult<()> {
    if !matches!(
        def.binding,
        registry::Binding::Method | registry::Binding::Property(_)
    ) {
        return Ok(());
    }
    if args.count == 0 || args.is_empty() {
        return type_error(format!(
            "unbound method {}.{}() needs an argument",
            type_name(space::builtin_type(owner)),
            def.name
        ));
    }
    let receiver = args.get(0);
    let owner_type = space::builtin_type(owner);
    if !typeobject::is_subtype(space::type_of(receiver), owner_type) {
        // Special methods are CPython's slot wrappers, which word it differently.
        if def.name.starts_with("__") && def.name.ends_with("__") {
            return type_error(format!(
                "descriptor '{}' requires a '{}' object but received a '{}'",
                def.name,
                type_name(owner_type),
                type_name_of(receiver)
            ));
        }
        return type_error(format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            def.name,
            type_name(owner_type),
            type_name_of(receiver)
        ));
    }
    Ok(())
}

/// Whether `callable(value)`.
pub fn is_callable(value: GcRef) -> bool {
    value.is::<PyFunction>()
        || value.is::<PyBuiltin>()
        || value.is::<PyMethod>()
        || value.is::<PyType>()
        || lookup_name(space::type_of(value), N::call).is_some()
}

/// Call a Python function: bind the arguments into a new frame and run it (or, for a
/// generator function, return the generator).
pub fn call_python(function: Gc<PyFunction>, args: &Args) -> PyResult<GcRef> {
    let bound = bind_frame(function, args, true)?;
    let frame = bound.frame;
    if bound.code_flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0 {
        return generator::new_generator(frame, function);
    }
    let result = eval::run_frame(frame);
    keep_frame(frame, bound.code, bound.source, result.is_ok());
    result
}

/// Where the arguments of a positional call are.
pub enum Positional<'a> {
    /// `count` values of the calling frame's value stack from `start`, seen through the
    /// eval loop's view.
    Stack {
        values: &'a ArrayView<Option<GcRef>>,
        start: usize,
        count: usize,
    },
    /// A receiver (if given), then `rest`: a call from Rust (a special method, a key
    /// function).
    Values {
        first: Option<GcRef>,
        rest: &'a [GcRef],
    },
}

impl Positional<'_> {
    #[inline(always)]
    fn count(&self) -> usize {
        match *self {
            Positional::Stack { count, .. } => count,
            Positional::Values { first, rest } => usize::from(first.is_some()) + rest.len(),
        }
    }

    /// Write the arguments to a new frame's first slots.
    #[inline(always)]
    fn write(&self, slots: Gc<Items>) {
        slots.with_view(|callee| match *self {
            Positional::Stack {
                values,
                start,
                count,
            } => callee.copy_range_from(0, values, start, count),
            Positional::Values { first, rest } => {
                let before = usize::from(first.is_some());
                if first.is_some() {
                    callee.set(0, first);
                }
                for (i, value) in rest.iter().enumerate() {
                    callee.set(before + i, Some(*value));
                }
            }
        })
    }
}

/// The fast path of a call of a Python function `callable` (whose fields are `function`)
/// whose parameters are all positional, given as `args` or by their defaults: the frame is set up in
/// one visit (its code's spare when free), made the running one, and run from its first
/// instruction; a generator function's frame goes into a new generator. None if the call
/// needs the general binding (`call_python`): keywords, `*args`, keyword-only parameters,
/// cells, or too few arguments for the defaults.
#[inline(never)]
pub fn call_positional(
    callable: GcRef,
    function: &PyFunction,
    args: Positional,
) -> Option<PyResult<GcRef>> {
    let code = function.code;
    let count = args.count();
    let mut fields = code.access(|c| {
        // Fewer arguments than parameters are fine if defaults fill the rest (checked
        // below, when the defaults are read).
        let simple = c.simple_arg_count();
        (count as i64 <= simple).then(|| CallCode {
            parameter_count: simple as usize,
            local_count: c.local_count() as usize,
            free_count: c.free_count() as usize,
            frame_size: c.frame_size() as usize,
            flags: c.flags(),
            spare_frame: c.spare_frame(),
            parts: eval::LoopCode::of(c),
            defaults: None,
        })
    })?;
    if count < fields.parameter_count {
        let missing = fields.parameter_count - count;
        let defaults = function.defaults.and_then(|d| d.downcast::<Items>())?;
        fields.defaults = Some((defaults, defaults.len().checked_sub(missing)?));
    }
    if fields.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0 {
        return Some(new_generator_positional(
            callable, function, code, &fields, &args,
        ));
    }
    let Ok(back) = space::enter_call() else {
        return Some(Err(new_exception(
            T_RECURSION_ERROR,
            "maximum recursion depth exceeded",
        )));
    };
    let result = run_positional(callable, function, code, fields, back, &args);
    space::leave_frame(back);
    Some(result)
}

/// What `call_positional` reads of the code object, in one visit.
struct CallCode {
    /// The positional parameters (all the parameters: the fast path takes no others).
    parameter_count: usize,
    local_count: usize,
    free_count: usize,
    frame_size: usize,
    flags: i64,
    spare_frame: Option<Gc<PyFrame>>,
    parts: eval::LoopCode,
    /// For a call with fewer arguments than parameters: the function's defaults and the
    /// index of the first one the call uses.
    defaults: Option<(Gc<Items>, usize)>,
}

/// What a call's frame is made from (see `call_frame`).
struct FrameRequest<'a> {
    /// The function, and its fields.
    callable: GcRef,
    function: &'a PyFunction,
    code: Gc<PyCode>,
    /// The code's spare frame, to reuse if it is free; None for a new frame.
    spare: Option<Gc<PyFrame>>,
    frame_size: usize,
    /// The empty value stack's depth (locals, cells and free variables below it).
    stack_base: usize,
    back: Option<Gc<PyFrame>>,
}

/// The frame of a call in state `STATE`, with its slots (all None) and where it came from
/// (what `keep_frame` needs): `request.spare` reset for the call in one visit if it is
/// free (state `FRAME_DONE`, never escaped), else a new frame.
///
/// The state is a const parameter so that the fast call path (`FRAME_RUNNING`) has a
/// closure type of its own: shared with the general path, its `access` stayed a call
/// (richards 4% slower).
#[inline(always)]
fn call_frame<const STATE: i64>(
    request: &FrameRequest,
) -> PyResult<(Gc<PyFrame>, Gc<Items>, FrameSource)> {
    let function_ref = Some(request.callable);
    let reused = request.spare.and_then(|spare| {
        spare.access(|f| {
            let free = f.state() == eval::FRAME_DONE && !f.escaped();
            free.then(|| {
                f.set_namespace(None);
                f.set_pc(0);
                f.set_sp(request.stack_base as i64);
                f.set_last_instruction(-1);
                f.set_back(request.back);
                f.set_state(STATE);
                f.set_handled(None);
                if f.function() != function_ref {
                    // Another function of the same code (a closure made again): its
                    // dicts and function too.
                    f.set_globals(request.function.globals);
                    f.set_builtins(request.function.builtins);
                    f.set_function(function_ref);
                }
                (spare, f.slots())
            })
        })
    });
    if let Some((frame, slots)) = reused {
        return Ok((frame, slots, FrameSource::Spare));
    }
    let slots = new_items(request.frame_size)?;
    let frame = alloc(PyFrame {
        code: request.code,
        globals: request.function.globals,
        builtins: request.function.builtins,
        namespace: None,
        slots,
        pc: 0,
        sp: request.stack_base as i64,
        last_instruction: -1,
        back: request.back,
        function: function_ref,
        state: STATE,
        handled: None,
        escaped: false,
    })?;
    let source = match request.spare {
        None => FrameSource::NewNoSpare,
        Some(_) => FrameSource::NewBesideSpare,
    };
    Ok((frame, slots, source))
}

/// Fill a new frame's slots past the `count` arguments: the defaults of the parameters
/// not passed, then the closure's cells (the free variables).
#[inline(always)]
fn write_defaults_and_free_variables(
    function: &PyFunction,
    fields: &CallCode,
    count: usize,
    slots: Gc<Items>,
) {
    if let Some((defaults, first)) = fields.defaults {
        slots.copy_from(count, defaults, first, fields.parameter_count - count);
    }
    if fields.free_count > 0 {
        let closure = function
            .closure
            .and_then(|c| c.downcast::<Items>())
            .expect("a function with free variables has a closure");
        slots.copy_from(fields.local_count, closure, 0, fields.free_count);
    }
}

/// `call_positional` of a generator (or coroutine) function: its frame, suspended before
/// the first instruction, in a new generator.
fn new_generator_positional(
    callable: GcRef,
    function: &PyFunction,
    code: Gc<PyCode>,
    fields: &CallCode,
    args: &Positional,
) -> PyResult<GcRef> {
    let (frame, slots, _) = call_frame::<{ eval::FRAME_CREATED }>(&FrameRequest {
        callable,
        function,
        code,
        spare: None,
        frame_size: fields.frame_size,
        stack_base: fields.local_count + fields.free_count,
        back: None,
    })?;
    args.write(slots);
    write_defaults_and_free_variables(function, fields, args.count(), slots);
    let function = callable.downcast::<PyFunction>().expect("a function");
    generator::new_generator(frame, function)
}

/// `call_positional` once the call is entered (`back` is the calling frame).
#[inline(always)]
fn run_positional(
    callable: GcRef,
    function: &PyFunction,
    code: Gc<PyCode>,
    fields: CallCode,
    back: Option<Gc<PyFrame>>,
    args: &Positional,
) -> PyResult<GcRef> {
    let stack_base = fields.local_count + fields.free_count;
    let (frame, slots, source) = call_frame::<{ eval::FRAME_RUNNING }>(&FrameRequest {
        callable,
        function,
        code,
        spare: fields.spare_frame,
        frame_size: fields.frame_size,
        stack_base,
        back,
    })?;
    args.write(slots);
    write_defaults_and_free_variables(function, &fields, args.count(), slots);
    space::set_current_frame(Some(frame));
    let start = eval::Start {
        code,
        parts: fields.parts,
        stack: slots,
        pc: 0,
        sp: stack_base,
        push: None,
    };
    let result = eval::run(frame, Some(start), None);
    keep_frame(frame, code, source, result.is_ok());
    result
}

/// Where a call's frame came from (see `keep_frame`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum FrameSource {
    /// The code's spare frame, reused.
    Spare,
    /// A new frame; the code has no spare (it may become it).
    NewNoSpare,
    /// A new frame while the code's spare is in use (a recursive call) or not to be used.
    NewBesideSpare,
}

/// A frame bound for a call, and what `keep_frame` needs to know of it afterwards.
struct BoundFrame {
    frame: Gc<PyFrame>,
    code: Gc<PyCode>,
    code_flags: i64,
    source: FrameSource,
}

/// After a call: keep its frame as its code's spare if nothing can see it, so that the
/// next call reuses it instead of allocating and zeroing a frame and a slot array. The
/// spare stays attached to the code while it runs (a frame is free when its state is
/// `FRAME_DONE` and it never escaped: no traceback or frame object refers to it); its
/// slots were cleared when it returned (`RETURN_VALUE`), so it keeps nothing alive. A
/// spare that escapes is detached then (`eval::mark_escaped`), so a call that returned
/// from its code's spare has nothing to do here; one that failed lets it go (a frame that
/// raised has a traceback, or never started).
#[inline(always)]
fn keep_frame(frame: Gc<PyFrame>, code: Gc<PyCode>, source: FrameSource, returned: bool) {
    match (source, returned) {
        (FrameSource::NewNoSpare, true) if !frame.escaped() => {
            code.set_spare_frame(Some(frame));
        }
        (FrameSource::Spare, false) => code.set_spare_frame(None),
        _ => {}
    }
}

/// A frame for `function` with `args` bound to its parameters.
pub fn new_frame(function: Gc<PyFunction>, args: &Args) -> PyResult<Gc<PyFrame>> {
    Ok(bind_frame(function, args, false)?.frame)
}

/// The frame of a call of `function` with `args` bound to its parameters: the code's spare
/// frame if `reuse` and it is free, else a new one. Every call runs this, so the function,
/// its code and the spare are each read or reset with one handle check.
#[inline]
fn bind_frame(function: Gc<PyFunction>, args: &Args, reuse: bool) -> PyResult<BoundFrame> {
    let fields = function.load();
    let code = fields.code;
    let PyCode {
        frame_size,
        simple_arg_count,
        local_count,
        cell_count,
        free_count,
        flags: code_flags,
        spare_frame,
        ..
    } = code.load();
    let (locals, cells, frees) = (
        local_count as usize,
        cell_count as usize,
        free_count as usize,
    );
    let (frame, slots, source) = call_frame::<{ eval::FRAME_CREATED }>(&FrameRequest {
        callable: function.erase(),
        function: &fields,
        code,
        spare: spare_frame.filter(|_| reuse),
        frame_size: frame_size as usize,
        stack_base: locals + cells + frees,
        back: None,
    })?;
    // Fast path: exactly the positional parameters, nothing else (no cells either).
    if args.kwnames.is_none() && args.count as i64 == simple_arg_count {
        slots.copy_from(0, args.items, args.start, args.count);
    } else if let Err(e) = bind_cells(function, code, slots, args, locals, cells) {
        // A reused spare frame that never ran is free again, with its slots cleared (the
        // binding may have filled some).
        if source == FrameSource::Spare {
            slots.with_view(|view| view.fill(None));
            frame.set_state(eval::FRAME_DONE);
        }
        return Err(e);
    }
    if frees > 0 {
        let closure = fields
            .closure
            .and_then(|c| c.downcast::<Items>())
            .expect("a function with free variables has a closure");
        slots.copy_from(locals + cells, closure, 0, frees);
    }
    Ok(BoundFrame {
        frame,
        code,
        code_flags,
        source,
    })
}

/// Bind `args` to the parameters (CPython's errors if they do not fit), then make the
/// cells, filled from the parameters they capture.
fn bind_cells(
    function: Gc<PyFunction>,
    code: Gc<PyCode>,
    slots: Gc<Items>,
    args: &Args,
    locals: usize,
    cells: usize,
) -> PyResult<()> {
    bind_arguments(function, code, slots, args)?;
    let cell_from_arg = code.cell_from_arg();
    for c in 0..cells {
        let arg = cell_from_arg.get(c);
        let contents = if arg >= 0 {
            slots.get(arg as usize)
        } else {
            None
        };
        slots.set(locals + c, Some(alloc(PyCell { contents })?.erase()));
    }
    Ok(())
}

/// The builtins module's dict.
pub fn builtins_dict() -> Gc<PyDict> {
    space::builtins_module()
        .downcast::<PyModule>()
        .expect("the builtins module")
        .dict()
}

fn qualname(function: Gc<PyFunction>) -> String {
    pystr::to_string(function.qualname())
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn slot_name(code: Gc<PyCode>, i: usize) -> GcRef {
    code.slot_names().get(i).expect("parameter names")
}

/// Bind `args` to the parameters (CPython's rules and messages).
fn bind_arguments(
    function: Gc<PyFunction>,
    code: Gc<PyCode>,
    slots: Gc<Items>,
    args: &Args,
) -> PyResult<()> {
    let argcount = code.arg_count() as usize;
    let posonly = code.posonly_count() as usize;
    let kwonly = code.kwonly_count() as usize;
    let has_varargs = code.flags() & flags::VARARGS != 0;
    let has_varkw = code.flags() & flags::VARKEYWORDS != 0;
    let given = args.len();
    let n = given.min(argcount);
    for i in 0..n {
        slots.set(i, Some(args.get(i)));
    }
    let mut next_slot = argcount + kwonly;
    if has_varargs {
        let extra = given.saturating_sub(argcount);
        let rest = tuple::from_array(args.items, args.start + argcount.min(given), extra)?;
        slots.set(next_slot, Some(rest));
        next_slot += 1;
    }
    let kwdict = if has_varkw {
        let d = dict::new_dict()?;
        slots.set(next_slot, Some(d.erase()));
        Some(d)
    } else {
        None
    };
    let mut posonly_as_keyword: Vec<String> = Vec::new();
    for k in 0..args.keyword_count() {
        let (name, value) = args.keyword_at(k);
        if !name.is::<PyStr>() {
            return type_error(format!("{}() keywords must be strings", qualname(function)));
        }
        let mut found = None;
        for j in posonly..argcount + kwonly {
            if slot_name(code, j) == name {
                found = Some(j);
                break;
            }
        }
        if found.is_none() {
            for j in posonly..argcount + kwonly {
                let candidate = slot_name(code, j).downcast::<PyStr>().expect("a str");
                if pystr::eq(candidate, name.downcast::<PyStr>().expect("a str")) {
                    found = Some(j);
                    break;
                }
            }
        }
        match found {
            Some(j) => {
                if slots.get(j).is_some() {
                    return type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        qualname(function),
                        pystr::to_string(name)
                    ));
                }
                slots.set(j, Some(value));
            }
            None => match kwdict {
                Some(d) => {
                    dict::set_item(d, name, value)?;
                }
                None => {
                    if (0..posonly)
                        .any(|j| pystr::eq_text(slot_name(code, j), &pystr::to_string(name)))
                    {
                        posonly_as_keyword.push(pystr::to_string(name));
                        continue;
                    }
                    return type_error(format!(
                        "{}() got an unexpected keyword argument '{}'",
                        qualname(function),
                        pystr::to_string(name)
                    ));
                }
            },
        }
    }
    if !posonly_as_keyword.is_empty() {
        return type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(function),
            posonly_as_keyword.join(", ")
        ));
    }
    let defaults = function.defaults();
    let default_count = defaults.map_or(0, tuple::len);
    if given > argcount && !has_varargs {
        let kwonly_given = (argcount..argcount + kwonly)
            .filter(|&j| slots.get(j).is_some())
            .count();
        let (signature, plural) = if default_count > 0 {
            (
                format!("from {} to {argcount}", argcount - default_count),
                true,
            )
        } else {
            (argcount.to_string(), argcount != 1)
        };
        let kwonly_text = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {kwonly_given} keyword-only argument{})",
                if given != 1 { "s" } else { "" },
                if kwonly_given != 1 { "s" } else { "" }
            )
        } else {
            String::new()
        };
        return type_error(format!(
            "{}() takes {signature} positional argument{} but {given}{kwonly_text} {} given",
            qualname(function),
            if plural { "s" } else { "" },
            if given == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            }
        ));
    }
    if given < argcount {
        let first_default = argcount - default_count;
        let missing: Vec<String> = (given..first_default)
            .filter(|&j| slots.get(j).is_none())
            .map(|j| pystr::to_string(slot_name(code, j)))
            .collect();
        if !missing.is_empty() {
            return type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                qualname(function),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            ));
        }
        if let Some(d) = defaults {
            for j in first_default.max(given)..argcount {
                if slots.get(j).is_none() {
                    slots.set(j, Some(tuple::get(d, j - first_default)));
                }
            }
        }
    }
    if kwonly > 0 {
        let mut missing: Vec<String> = Vec::new();
        for j in argcount..argcount + kwonly {
            if slots.get(j).is_some() {
                continue;
            }
            let name = slot_name(code, j);
            let default = match function.kwdefaults().and_then(|d| d.downcast::<PyDict>()) {
                Some(d) => dict::get_str(d, name),
                None => None,
            };
            match default {
                Some(v) => slots.set(j, Some(v)),
                None => missing.push(pystr::to_string(name)),
            }
        }
        if !missing.is_empty() {
            return type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                qualname(function),
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                name_list(&missing)
            ));
        }
    }
    Ok(())
}

/// Call a class: `type(x)` special case, metaclass `__call__`, then `__new__` and
/// `__init__`.
pub fn call_type(t: Gc<PyType>, args: &Args) -> PyResult<GcRef> {
    // A class without a metaclass of its own is an instance of `type` (see `type_of`).
    let meta = t.metaclass().and_then(|m| m.downcast::<PyType>());
    if let Some(meta) = meta.filter(|&m| m != space::builtin_type(T_TYPE)) {
        if let Some(call) = lookup_name(meta, N::call) {
            if !call.is::<PyBuiltin>() {
                let bound = crate::objects::descriptors::bind(call, Some(t.erase()), meta)?;
                return call_with_args(bound, args);
            }
        }
    }
    construct(t, args)
}

/// `type.__call__(t, *args)`: make the object with `__new__`, initialize it with
/// `__init__` if it is an instance of `t`.
pub fn construct(t: Gc<PyType>, args: &Args) -> PyResult<GcRef> {
    if let Some(plan) = builtin_constructor(t) {
        return construct_builtin(t, plan, args);
    }
    let new = lookup_name(t, N::new).expect("object.__new__");
    let object = if is_object_new(new) {
        if t.builtin_index() as usize == T_OBJECT {
            check_object_new_args(t, args)?;
        }
        new_object(t)?
    } else {
        // `__new__` is a static method: called with the class first.
        let function = crate::objects::descriptors::get(new, None, t)?;
        let items = new_items(args.count + 2)?;
        items.set(1, Some(t.erase()));
        for i in 0..args.count {
            items.set(i + 2, args.items.get(args.start + i));
        }
        call_with_spare_slot(function, Args::new(items, 1, args.count + 1, args.kwnames))?
    };
    if !typeobject::is_subtype(space::type_of(object), t) {
        return Ok(object);
    }
    let init = lookup_name(t, N::init).expect("object.__init__");
    if is_object_init(init) {
        return Ok(object);
    }
    let items = new_items(args.count + 2)?;
    items.set(1, Some(object));
    for i in 0..args.count {
        items.set(i + 2, args.items.get(args.start + i));
    }
    let function = match init.downcast::<PyFunction>() {
        Some(_) => init,
        None => crate::objects::descriptors::get(init, None, t)?,
    };
    let result = call_with_spare_slot(function, Args::new(items, 1, args.count + 1, args.kwnames))?;
    if !crate::objects::is_none(result) {
        return type_error(format!(
            "__init__() should return None, not '{}'",
            type_name_of(result)
        ));
    }
    Ok(object)
}

/// How a built-in type makes its instances: its native `__new__` and, unless it is
/// `object.__init__`, its native `__init__` (registry ids).
#[derive(Clone, Copy)]
struct BuiltinConstructor {
    new: i64,
    init: Option<i64>,
}

thread_local! {
    /// `builtin_constructor`'s answers by built-in type index. Built-in types cannot
    /// change, so each is worked out once.
    static BUILTIN_CONSTRUCTORS: std::cell::RefCell<Vec<Option<Option<BuiltinConstructor>>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// How calling `t` constructs, if `t` is a built-in type whose `__new__` (and `__init__`,
/// unless `object`'s) are native functions: `list(x)`, `set()`, `str(n)` skip the lookups,
/// descriptor unwrapping and type tests of the generic path.
fn builtin_constructor(t: Gc<PyType>) -> Option<BuiltinConstructor> {
    let (flags, builtin_index) = t.access(|t| (t.flags(), t.builtin_index()));
    if flags & typeobject::TYPE_HEAP != 0 {
        return None;
    }
    let index = builtin_index as usize;
    if let Some(known) = BUILTIN_CONSTRUCTORS.with(|c| c.borrow().get(index).copied().flatten()) {
        return known;
    }
    let plan = (|| {
        let new = lookup_name(t, N::new)?;
        if is_object_new(new) {
            return None;
        }
        let init = lookup_name(t, N::init)?;
        let init = if is_object_init(init) {
            None
        } else {
            Some(native_id(init)?)
        };
        Some(BuiltinConstructor {
            new: native_id(new)?,
            init,
        })
    })();
    BUILTIN_CONSTRUCTORS.with(|c| {
        let mut table = c.borrow_mut();
        if table.len() <= index {
            table.resize(index + 1, None);
        }
        table[index] = Some(plan);
    });
    plan
}

/// The registry id of a native function, unbound or wrapped in a `staticmethod`.
fn native_id(value: GcRef) -> Option<i64> {
    let builtin = match value.downcast::<PyBuiltin>() {
        Some(b) => b,
        None => value
            .downcast::<PyWrapper>()
            .filter(|w| w.kind() as usize == T_STATICMETHOD)
            .and_then(|w| w.first())
            .and_then(|f| f.downcast::<PyBuiltin>())?,
    };
    builtin.bound().is_none().then(|| builtin.id())
}

/// `construct` for a type `builtin_constructor` accepted: `__new__(t, *args)`, then
/// `__init__(object, *args)` if the object is a `t`.
fn construct_builtin(t: Gc<PyType>, plan: BuiltinConstructor, args: &Args) -> PyResult<GcRef> {
    let items = new_items(args.count + 2)?;
    items.set(1, Some(t.erase()));
    items.copy_from(2, args.items, args.start, args.count);
    let call_args = Args::new(items, 1, args.count + 1, args.kwnames);
    let object = call_builtin(plan.new, &call_args)?;
    let Some(init) = plan.init else {
        return Ok(object);
    };
    let exactly_t = space::builtin_type_index(object) == Some(t.builtin_index() as usize);
    if !exactly_t && !typeobject::is_subtype(space::type_of(object), t) {
        return Ok(object);
    }
    items.set(1, Some(object));
    let result = call_builtin(init, &call_args)?;
    if !crate::objects::is_none(result) {
        return type_error(format!(
            "__init__() should return None, not '{}'",
            type_name_of(result)
        ));
    }
    Ok(object)
}

/// The `__init__` to run on `new_object(t)` when calling class `t` is exactly that: its
/// metaclass is `type`, its `__new__` is `object.__new__`, its instances are plain
/// (`object` layout, no built-in base) and its `__init__` is a Python function. What the
/// eval loop's `CALL` cache remembers.
pub fn plain_constructor(t: Gc<PyType>) -> Option<Gc<PyFunction>> {
    let PyType {
        metaclass,
        layout,
        builtin_index,
        ..
    } = t.load();
    if metaclass.is_some()
        || layout != typeobject::LAYOUT_OBJECT
        || builtin_index as usize != T_OBJECT
        || !is_object_new(lookup_name(t, N::new)?)
    {
        return None;
    }
    lookup_name(t, N::init)?.downcast::<PyFunction>()
}

/// Call a class `plain_constructor` accepted: a new instance, its `__init__` run with the
/// `count` arguments at `args[start..]`, and `args[start - 1]` free for the instance.
pub fn construct_plain(
    t: Gc<PyType>,
    init: Gc<PyFunction>,
    args: Gc<Items>,
    view: &ArrayView<Option<GcRef>>,
    start: usize,
    count: usize,
) -> PyResult<GcRef> {
    let object = instance::new_instance(t)?.erase();
    view.set(start - 1, Some(object));
    let positional = Positional::Stack {
        values: view,
        start: start - 1,
        count: count + 1,
    };
    let fast = call_positional(init.erase(), &init.load(), positional);
    let result = match fast {
        Some(result) => result?,
        None => call_python(init, &Args::new(args, start - 1, count + 1, None))?,
    };
    if !crate::objects::is_none(result) {
        return type_error(format!(
            "__init__() should return None, not '{}'",
            type_name_of(result)
        ));
    }
    Ok(object)
}

fn is_native(value: GcRef, type_index: usize, name: &str) -> bool {
    let native = match value.downcast::<PyBuiltin>() {
        Some(b) => Some(b),
        None => value
            .downcast::<PyWrapper>()
            .filter(|w| w.kind() as usize == T_STATICMETHOD)
            .and_then(|w| w.first())
            .and_then(|f| f.downcast::<PyBuiltin>()),
    };
    native.is_some_and(|b| {
        let def = registry::native(b.id());
        matches!(def.owner, registry::Owner::Type(i) if i == type_index) && def.name == name
    })
}

fn is_object_new(new: GcRef) -> bool {
    is_native(new, T_OBJECT, "__new__")
}

fn is_object_init(init: GcRef) -> bool {
    is_native(init, T_OBJECT, "__init__")
}

/// `object()` and classes without `__init__` take no arguments.
fn check_object_new_args(t: Gc<PyType>, args: &Args) -> PyResult<()> {
    if args.count == 0 {
        return Ok(());
    }
    let init = lookup_name(t, N::init).expect("object.__init__");
    if is_object_init(init) {
        if t == space::builtin_type(T_OBJECT) {
            return type_error("object() takes no arguments");
        }
        return type_error(format!("{}() takes no arguments", type_name(t)));
    }
    Ok(())
}

/// A new, uninitialized instance of `t` (`object.__new__(t)`).
pub fn new_object(t: Gc<PyType>) -> PyResult<GcRef> {
    match t.layout() {
        typeobject::LAYOUT_EXCEPTION => {
            Ok(crate::objects::exception::new_of_class(t, space::empty_tuple())?.erase())
        }
        typeobject::LAYOUT_TYPE => type_error("type.__new__ needs a name, bases and namespace"),
        _ => {
            if t.flags() & typeobject::TYPE_BASETYPE == 0
                && t.flags() & typeobject::TYPE_HEAP == 0
                && t.builtin_index() as usize != T_OBJECT
            {
                return type_error(format!("cannot create '{}' instances", type_name(t)));
            }
            Ok(instance::new_instance(t)?.erase())
        }
    }
}
