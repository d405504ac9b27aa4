//! Type descriptors: the layout of every kind of GC object, and the table that maps the
//! descriptor id stored in an object's header back to its descriptor.
//!
//! One descriptor serves three readers: the collector (which words of an object are
//! references, how big it is), the interpreter's typed accessors (which id a `Gc<T>` must
//! find in the header), and later the JIT (field offsets and kinds for its loads and stores).
//!
//! Ids are small integers handed out on first use. Id 0 is never handed out, so zeroed memory
//! never looks like an object; ids `1..=FIRST_USER_ID-1` are the built-in array and byte-string
//! types, registered when the table is first touched.

use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::sync::Mutex;

use crate::header::{ARRAY_HEADER_SIZE, HEADER_SIZE};

/// The index of a type descriptor in the global table; stored in every object's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DescriptorId(pub(crate) u32);

impl DescriptorId {
    /// The raw number, as stored in the header word.
    pub fn as_u32(self) -> u32 {
        self.0
    }

    /// The id with this raw number (which may name no type: lookups then fail).
    pub fn from_u32(raw: u32) -> DescriptorId {
        DescriptorId(raw)
    }
}

/// What one field (or one array element) holds. The collector only cares whether it is a
/// reference; the JIT will also need the size and the register bank (int, float, ref).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A pointer to a GC object, never null (`Gc<T>`, `GcRef`).
    Ref,
    /// A pointer to a GC object, or 0 for `None` (`Option<Gc<T>>`, `Option<GcRef>`). Arrays
    /// of references are always of this kind.
    NullableRef,
    Bool,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F32,
    F64,
}

impl FieldKind {
    /// Size in bytes of one value of this kind.
    pub const fn size(self) -> usize {
        match self {
            FieldKind::Bool | FieldKind::I8 | FieldKind::U8 => 1,
            FieldKind::I16 | FieldKind::U16 => 2,
            FieldKind::I32 | FieldKind::U32 | FieldKind::F32 => 4,
            FieldKind::Ref
            | FieldKind::NullableRef
            | FieldKind::I64
            | FieldKind::U64
            | FieldKind::F64 => 8,
        }
    }

    pub const fn is_ref(self) -> bool {
        matches!(self, FieldKind::Ref | FieldKind::NullableRef)
    }

    /// Whether all-zero bits are a valid value (everything but a non-null reference), so a
    /// zero-filled object of this kind of field is well-formed.
    pub const fn zero_is_valid(self) -> bool {
        !matches!(self, FieldKind::Ref)
    }
}

/// One named field of a fixed-size object.
#[derive(Debug)]
pub struct FieldDescriptor {
    pub name: &'static str,
    /// Byte offset from the start of the object (the header included).
    pub offset: usize,
    pub kind: FieldKind,
    /// `#[quasi_immutable]`: traces may treat the field of a constant object as constant,
    /// watching it (see `quasi_immutable`).
    pub quasi_immutable: bool,
    /// `#[virtualizable]`: while a trace runs with this object as its driver's
    /// virtualizable, the field (or, for an array field, each of its items) lives in the
    /// trace's registers and is written back only when something else may look (see
    /// `docs/jit-core.md`).
    pub virtualizable: bool,
}

impl FieldDescriptor {
    pub const fn new(name: &'static str, offset: usize, kind: FieldKind) -> Self {
        FieldDescriptor {
            name,
            offset,
            kind,
            quasi_immutable: false,
            virtualizable: false,
        }
    }

    /// The same field, quasi-immutable.
    pub const fn quasi_immutable(self) -> Self {
        FieldDescriptor {
            quasi_immutable: true,
            ..self
        }
    }

    /// The same field, virtualizable.
    pub const fn virtualizable(self) -> Self {
        FieldDescriptor {
            virtualizable: true,
            ..self
        }
    }
}

/// The shape of an object.
#[derive(Debug)]
pub enum Layout {
    /// A struct declared with `#[gc_object]`: a header followed by the fields.
    Fixed {
        /// Total size in bytes, header included, a multiple of 8.
        size: usize,
        fields: &'static [FieldDescriptor],
    },
    /// A header, a length word, then `length` elements of one kind.
    Array { element: FieldKind },
}

/// The layout of one GC type.
#[derive(Debug)]
pub struct TypeDescriptor {
    pub name: &'static str,
    pub layout: Layout,
}

impl TypeDescriptor {
    /// The descriptor of a fixed-size object whose fields (after the header) take
    /// `payload_size` bytes.
    pub const fn fixed(
        name: &'static str,
        payload_size: usize,
        fields: &'static [FieldDescriptor],
    ) -> Self {
        TypeDescriptor {
            name,
            layout: Layout::Fixed {
                size: round_up_to_word(HEADER_SIZE + payload_size),
                fields,
            },
        }
    }

    pub const fn array(name: &'static str, element: FieldKind) -> Self {
        TypeDescriptor {
            name,
            layout: Layout::Array { element },
        }
    }
}

pub(crate) const fn round_up_to_word(bytes: usize) -> usize {
    (bytes + 7) & !7
}

/// A descriptor plus what the collector derives from it once, at registration, so that
/// scanning an object never walks the field list.
pub(crate) struct RegisteredType {
    pub(crate) descriptor: &'static TypeDescriptor,
    /// Offsets of the reference fields of a fixed-size object.
    pub(crate) ref_offsets: Box<[usize]>,
    /// The first field zero is not a valid value for (a non-nullable reference): such a
    /// type cannot be allocated zero-filled. Worked out once, not per allocation.
    pub(crate) zero_invalid_field: Option<&'static str>,
}

impl RegisteredType {
    /// The size in bytes of the object at `object`, whose header names this type.
    ///
    /// # Safety
    /// `object` must be the start of a live object of this type.
    #[inline]
    pub(crate) unsafe fn object_size(&self, object: *const u8) -> usize {
        match self.descriptor.layout {
            Layout::Fixed { size, .. } => size,
            Layout::Array { element } => {
                // SAFETY: arrays carry their length in the word after the header (caller's
                // contract: `object` is a live array of this type).
                let length = unsafe { crate::header::array_length(object) };
                array_size(element, length)
            }
        }
    }
}

/// Bytes taken by an array of `length` elements of `element`, header included.
pub(crate) const fn array_size(element: FieldKind, length: usize) -> usize {
    round_up_to_word(ARRAY_HEADER_SIZE + element.size() * length)
}

/// The largest number of distinct GC types a process may declare. Python classes are not Rust
/// types, so even Pyrite needs a few hundred at most.
const MAX_TYPES: usize = 1 << 16;

/// Lock-free for readers (the collector reads it on every object it scans); appends are
/// serialized by `REGISTRATION`.
static TABLE: [AtomicPtr<RegisteredType>; MAX_TYPES] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_TYPES];

struct Registration {
    next: u32,
}

static REGISTRATION: Mutex<Registration> = Mutex::new(Registration { next: 0 });

/// Built-in types, in the order of their fixed ids.
static BUILTIN_DESCRIPTORS: [TypeDescriptor; 13] = [
    TypeDescriptor::array("Array<ref>", FieldKind::NullableRef),
    TypeDescriptor::array("Array<bool>", FieldKind::Bool),
    TypeDescriptor::array("Array<i8>", FieldKind::I8),
    TypeDescriptor::array("Array<i16>", FieldKind::I16),
    TypeDescriptor::array("Array<i32>", FieldKind::I32),
    TypeDescriptor::array("Array<i64>", FieldKind::I64),
    TypeDescriptor::array("Array<u8>", FieldKind::U8),
    TypeDescriptor::array("Array<u16>", FieldKind::U16),
    TypeDescriptor::array("Array<u32>", FieldKind::U32),
    TypeDescriptor::array("Array<u64>", FieldKind::U64),
    TypeDescriptor::array("Array<f32>", FieldKind::F32),
    TypeDescriptor::array("Array<f64>", FieldKind::F64),
    TypeDescriptor::array("Bytes", FieldKind::U8),
];

/// The fixed id of the built-in array type with elements of `kind`.
pub(crate) const fn array_descriptor_id(kind: FieldKind) -> DescriptorId {
    DescriptorId(match kind {
        FieldKind::Ref | FieldKind::NullableRef => 1,
        FieldKind::Bool => 2,
        FieldKind::I8 => 3,
        FieldKind::I16 => 4,
        FieldKind::I32 => 5,
        FieldKind::I64 => 6,
        FieldKind::U8 => 7,
        FieldKind::U16 => 8,
        FieldKind::U32 => 9,
        FieldKind::U64 => 10,
        FieldKind::F32 => 11,
        FieldKind::F64 => 12,
    })
}

pub(crate) const BYTES_DESCRIPTOR_ID: DescriptorId = DescriptorId(13);

fn install(registration: &mut Registration, descriptor: &'static TypeDescriptor) -> DescriptorId {
    let id = registration.next;
    assert!(
        (id as usize) < MAX_TYPES,
        "ferrite-gc: more than {MAX_TYPES} GC types declared"
    );
    let ref_offsets = match descriptor.layout {
        Layout::Fixed { fields, .. } => fields
            .iter()
            .filter(|f| f.kind.is_ref())
            .map(|f| f.offset)
            .collect(),
        Layout::Array { .. } => Box::default(),
    };
    let zero_invalid_field = match descriptor.layout {
        Layout::Fixed { fields, .. } => fields
            .iter()
            .find(|f| !f.kind.zero_is_valid())
            .map(|f| f.name),
        Layout::Array { .. } => None,
    };
    let entry = Box::leak(Box::new(RegisteredType {
        descriptor,
        ref_offsets,
        zero_invalid_field,
    }));
    TABLE[id as usize].store(entry, Ordering::Release);
    registration.next += 1;
    DescriptorId(id)
}

fn lock_registration() -> std::sync::MutexGuard<'static, Registration> {
    let mut registration = REGISTRATION.lock().unwrap_or_else(|e| e.into_inner());
    if registration.next == 0 {
        // Id 0 stays empty; the built-ins take 1..=13.
        registration.next = 1;
        for descriptor in &BUILTIN_DESCRIPTORS {
            install(&mut registration, descriptor);
        }
        debug_assert_eq!(registration.next, BYTES_DESCRIPTOR_ID.0 + 1);
    }
    registration
}

/// Make sure the built-in types are in the table (they have fixed ids, so code may use those
/// ids before anything else registered).
pub(crate) fn ensure_builtins_registered() {
    drop(lock_registration());
}

/// The registered type with this id.
///
/// # Panics
/// If no type has that id (a corrupted header).
#[inline]
pub(crate) fn registered(id: u32) -> &'static RegisteredType {
    let entry = TABLE
        .get(id as usize)
        .map(|slot| slot.load(Ordering::Acquire))
        .unwrap_or(std::ptr::null_mut());
    assert!(
        !entry.is_null(),
        "ferrite-gc: object header names unknown type id {id}"
    );
    // SAFETY: entries are leaked boxes, never freed or changed once stored.
    unsafe { &*entry }
}

/// The descriptor registered under `id`, if any.
pub fn descriptor(id: DescriptorId) -> Option<&'static TypeDescriptor> {
    let slot = TABLE.get(id.0 as usize)?;
    let mut entry = slot.load(Ordering::Acquire);
    if entry.is_null() && id.0 <= BYTES_DESCRIPTOR_ID.0 {
        // A built-in asked for before anything registered.
        ensure_builtins_registered();
        entry = slot.load(Ordering::Acquire);
    }
    // SAFETY: entries are leaked boxes, never freed or changed once stored.
    (!entry.is_null()).then(|| unsafe { (*entry).descriptor })
}

/// The id of the registered type called `name` (types register on first use, so a type no
/// code has touched yet is not found).
pub fn descriptor_by_name(name: &str) -> Option<DescriptorId> {
    let registration = lock_registration();
    (1..registration.next)
        .find(|&id| registered(id).descriptor.name == name)
        .map(DescriptorId)
}

/// The per-type cache of a descriptor id: a static in the code `#[gc_object]` generates.
pub struct DescriptorCell {
    id: AtomicU32,
}

impl DescriptorCell {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        DescriptorCell {
            id: AtomicU32::new(0),
        }
    }

    /// The id of `descriptor`, registering it on first use.
    #[inline]
    pub fn get(&self, descriptor: &'static TypeDescriptor) -> DescriptorId {
        let id = self.id.load(Ordering::Acquire);
        if id != 0 {
            return DescriptorId(id);
        }
        self.register(descriptor)
    }

    #[cold]
    fn register(&self, descriptor: &'static TypeDescriptor) -> DescriptorId {
        let mut registration = lock_registration();
        // Another thread may have won the race while we waited for the lock.
        let id = self.id.load(Ordering::Acquire);
        if id != 0 {
            return DescriptorId(id);
        }
        let id = install(&mut registration, descriptor);
        self.id.store(id.0, Ordering::Release);
        id
    }
}
