//! Untyped access to GC objects through their descriptors, for code that knows a layout only
//! at run time: the JIT's reference trace executor and, later, the blackhole interpreter.
//! Every access is checked — the object's type against the descriptor it is accessed with,
//! the field index, array bounds, the kind of the value stored — so it is safe to call with
//! anything; what machine code does with no checks, this does with them.

use std::fmt;

use crate::descriptor::{
    array_size, descriptor, registered, DescriptorId, FieldKind, Layout, BYTES_DESCRIPTOR_ID,
};
use crate::handle::GcRef;
use crate::header::{array_length, ARRAY_HEADER_SIZE, HEADER_SIZE};
use crate::mutator::{allocate, OutOfMemory};

/// A value as the JIT sees it: every integer kind widened to `i64`, every float to `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Int(i64),
    Float(f64),
    Ref(Option<GcRef>),
}

/// What was wrong with an untyped access.
#[derive(Clone, Debug, PartialEq)]
pub enum AccessError {
    /// The object is not of the type the descriptor describes.
    WrongType {
        expected: &'static str,
        found: &'static str,
    },
    NoSuchField {
        type_name: &'static str,
        index: usize,
    },
    NotAnArray {
        type_name: &'static str,
    },
    IndexOutOfBounds {
        index: usize,
        length: usize,
    },
    /// A value of the wrong kind for the field or element.
    KindMismatch {
        kind: FieldKind,
        value: Scalar,
    },
    /// `None` stored into a non-nullable reference field.
    NullIntoNonNullable,
    /// Byte strings are immutable.
    ImmutableBytes,
    /// The type has a non-nullable reference field, so a zero-filled object is ill-formed.
    NotZeroInitializable {
        type_name: &'static str,
        field: &'static str,
    },
    UnknownDescriptor(DescriptorId),
    OutOfMemory(OutOfMemory),
}

impl fmt::Display for AccessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccessError::WrongType { expected, found } => {
                write!(f, "expected a {expected} object, found a {found}")
            }
            AccessError::NoSuchField { type_name, index } => {
                write!(f, "{type_name} has no field number {index}")
            }
            AccessError::NotAnArray { type_name } => write!(f, "{type_name} is not an array"),
            AccessError::IndexOutOfBounds { index, length } => {
                write!(f, "index {index} out of bounds for length {length}")
            }
            AccessError::KindMismatch { kind, value } => {
                write!(f, "cannot store {value:?} in a {kind:?} slot")
            }
            AccessError::NullIntoNonNullable => {
                f.write_str("cannot store None in a non-nullable reference field")
            }
            AccessError::ImmutableBytes => f.write_str("byte strings are immutable"),
            AccessError::NotZeroInitializable { type_name, field } => write!(
                f,
                "{type_name} cannot be zero-initialized: field `{field}` is a non-nullable reference"
            ),
            AccessError::UnknownDescriptor(id) => write!(f, "no GC type has descriptor id {}", id.0),
            AccessError::OutOfMemory(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for AccessError {}

/// Read a value of `kind` at `address`.
///
/// # Safety
/// `address` must be a readable, suitably aligned slot of `kind` inside a live object.
unsafe fn load(address: *const u8, kind: FieldKind) -> Scalar {
    // SAFETY: the caller guarantees a slot of this kind; references are stored as one
    // pointer-sized word, 0 for `None`, and we only ever write valid words into them.
    unsafe {
        match kind {
            FieldKind::Bool | FieldKind::U8 => Scalar::Int(address.read() as i64),
            FieldKind::I8 => Scalar::Int((address as *const i8).read() as i64),
            FieldKind::I16 => Scalar::Int((address as *const i16).read() as i64),
            FieldKind::U16 => Scalar::Int((address as *const u16).read() as i64),
            FieldKind::I32 => Scalar::Int((address as *const i32).read() as i64),
            FieldKind::U32 => Scalar::Int((address as *const u32).read() as i64),
            FieldKind::I64 | FieldKind::U64 => Scalar::Int((address as *const i64).read()),
            FieldKind::F32 => Scalar::Float((address as *const f32).read() as f64),
            FieldKind::F64 => Scalar::Float((address as *const f64).read()),
            FieldKind::Ref | FieldKind::NullableRef => {
                Scalar::Ref((address as *const Option<GcRef>).read())
            }
        }
    }
}

/// Write `value` into a slot of `kind` at `address`, narrowing integers and floats the way a
/// machine store does (truncation; booleans store `value != 0`).
///
/// # Safety
/// `address` must be a writable, suitably aligned slot of `kind` inside a live object.
unsafe fn store(address: *mut u8, kind: FieldKind, value: Scalar) -> Result<(), AccessError> {
    // A dangling reference must never reach the heap (the collector would trace it).
    if let Scalar::Ref(Some(object)) = value {
        object.descriptor_id();
    }
    // SAFETY: the caller guarantees a slot of this kind; we check the value's kind first.
    unsafe {
        match (kind, value) {
            (FieldKind::Bool, Scalar::Int(v)) => address.write((v != 0) as u8),
            (FieldKind::I8 | FieldKind::U8, Scalar::Int(v)) => address.write(v as u8),
            (FieldKind::I16 | FieldKind::U16, Scalar::Int(v)) => {
                (address as *mut u16).write(v as u16)
            }
            (FieldKind::I32 | FieldKind::U32, Scalar::Int(v)) => {
                (address as *mut u32).write(v as u32)
            }
            (FieldKind::I64 | FieldKind::U64, Scalar::Int(v)) => (address as *mut i64).write(v),
            (FieldKind::F32, Scalar::Float(v)) => (address as *mut f32).write(v as f32),
            (FieldKind::F64, Scalar::Float(v)) => (address as *mut f64).write(v),
            (FieldKind::Ref, Scalar::Ref(None)) => return Err(AccessError::NullIntoNonNullable),
            (FieldKind::Ref | FieldKind::NullableRef, Scalar::Ref(v)) => {
                (address as *mut Option<GcRef>).write(v)
            }
            (kind, value) => return Err(AccessError::KindMismatch { kind, value }),
        }
    }
    Ok(())
}

fn type_name(id: DescriptorId) -> &'static str {
    descriptor(id).map_or("?", |d| d.name)
}

impl GcRef {
    /// The field's kind and byte offset, after checking that this object is an `owner`.
    fn field_slot(
        self,
        owner: DescriptorId,
        field: usize,
    ) -> Result<(usize, FieldKind), AccessError> {
        let found = self.descriptor_id();
        if found != owner {
            return Err(AccessError::WrongType {
                expected: type_name(owner),
                found: type_name(found),
            });
        }
        let ty = registered(owner.0).descriptor;
        match ty.layout {
            Layout::Fixed { fields, .. } => {
                fields
                    .get(field)
                    .map(|f| (f.offset, f.kind))
                    .ok_or(AccessError::NoSuchField {
                        type_name: ty.name,
                        index: field,
                    })
            }
            Layout::Array { .. } => Err(AccessError::NoSuchField {
                type_name: ty.name,
                index: field,
            }),
        }
    }

    /// Field number `field` (in declaration order) of this object, which must be an `owner`.
    pub fn load_field(self, owner: DescriptorId, field: usize) -> Result<Scalar, AccessError> {
        let (offset, kind) = self.field_slot(owner, field)?;
        // SAFETY: the object is a live `owner` (checked), whose descriptor puts a `kind` slot
        // at `offset`.
        Ok(unsafe { load(self.as_ptr().add(offset), kind) })
    }

    /// Store into field number `field` of this object, which must be an `owner`.
    pub fn store_field(
        self,
        owner: DescriptorId,
        field: usize,
        value: Scalar,
    ) -> Result<(), AccessError> {
        let (offset, kind) = self.field_slot(owner, field)?;
        // SAFETY: as in `load_field`; `store` checks the value's kind.
        unsafe { store(self.as_ptr().add(offset) as *mut u8, kind, value) }
    }

    /// The element kind and length, after checking that this is an array or byte string.
    fn array_shape(self) -> Result<(FieldKind, usize), AccessError> {
        let ty = registered(self.descriptor_id().0).descriptor;
        match ty.layout {
            // SAFETY: a live array (checked) has its length word after the header.
            Layout::Array { element } => Ok((element, unsafe { array_length(self.as_ptr()) })),
            Layout::Fixed { .. } => Err(AccessError::NotAnArray { type_name: ty.name }),
        }
    }

    /// The length of this array or byte string.
    pub fn array_length(self) -> Result<usize, AccessError> {
        self.array_shape().map(|(_, length)| length)
    }

    /// Element `index` of this array or byte string.
    pub fn load_element(self, index: usize) -> Result<Scalar, AccessError> {
        let (kind, length) = self.array_shape()?;
        if index >= length {
            return Err(AccessError::IndexOutOfBounds { index, length });
        }
        // SAFETY: in bounds of a live array of `kind` elements.
        Ok(unsafe {
            load(
                self.as_ptr().add(ARRAY_HEADER_SIZE + index * kind.size()),
                kind,
            )
        })
    }

    /// Store into element `index` of this array (byte strings are immutable).
    pub fn store_element(self, index: usize, value: Scalar) -> Result<(), AccessError> {
        if self.descriptor_id() == BYTES_DESCRIPTOR_ID {
            return Err(AccessError::ImmutableBytes);
        }
        let (kind, length) = self.array_shape()?;
        if index >= length {
            return Err(AccessError::IndexOutOfBounds { index, length });
        }
        let address = self
            .as_ptr()
            .wrapping_add(ARRAY_HEADER_SIZE + index * kind.size());
        // SAFETY: in bounds of a live array of `kind` elements; `store` checks the kind.
        unsafe { store(address as *mut u8, kind, value) }
    }
}

/// A new zero-filled object of fixed-size type `id`. Types with a non-nullable reference
/// field cannot be made this way (zero is not a valid `Gc`).
pub fn allocate_zeroed(id: DescriptorId) -> Result<GcRef, AccessError> {
    if let Some(field) = crate::descriptor::registered(id.0).zero_invalid_field {
        let ty = descriptor(id).ok_or(AccessError::UnknownDescriptor(id))?;
        return Err(AccessError::NotZeroInitializable {
            type_name: ty.name,
            field,
        });
    }
    allocate_for_initialization(id)
}

/// A new zero-filled object of fixed-size type `id` whose every non-nullable reference field
/// the caller stores before anything else can see the object: the JIT's `new`, which
/// jitcode and traces follow with the stores of the struct literal's fields (rustc has
/// checked the literal names every field). Until then, the null fields are only seen by
/// the collector, which skips null references of either kind.
pub fn allocate_for_initialization(id: DescriptorId) -> Result<GcRef, AccessError> {
    let ty = descriptor(id).ok_or(AccessError::UnknownDescriptor(id))?;
    let Layout::Fixed { size, .. } = ty.layout else {
        return Err(AccessError::WrongType {
            expected: "fixed-size",
            found: ty.name,
        });
    };
    let ptr = allocate(size, id.0).map_err(AccessError::OutOfMemory)?;
    // SAFETY: a fresh `size`-byte allocation whose header is written; zero is a valid value
    // for every field but non-nullable references, which the caller stores before the
    // object is used (the collector skips nulls).
    unsafe {
        std::ptr::write_bytes(ptr.as_ptr().add(HEADER_SIZE), 0, size - HEADER_SIZE);
        Ok(GcRef::from_raw(ptr))
    }
}

/// A new zero-filled array of type `id` (an `Array<_>` or `Bytes` descriptor) with `length`
/// elements: the JIT's `new_array`.
pub fn allocate_array(id: DescriptorId, length: usize) -> Result<GcRef, AccessError> {
    let ty = descriptor(id).ok_or(AccessError::UnknownDescriptor(id))?;
    let Layout::Array { element } = ty.layout else {
        return Err(AccessError::NotAnArray { type_name: ty.name });
    };
    let ptr =
        crate::array::allocate_array(id, element, length).map_err(AccessError::OutOfMemory)?;
    let bytes = array_size(element, length);
    // SAFETY: a fresh allocation of `bytes` bytes with its header and length written; zero
    // is a valid element of every array kind (reference arrays are nullable).
    unsafe {
        std::ptr::write_bytes(
            ptr.as_ptr().add(ARRAY_HEADER_SIZE),
            0,
            bytes - ARRAY_HEADER_SIZE,
        );
        Ok(GcRef::from_raw(ptr))
    }
}
