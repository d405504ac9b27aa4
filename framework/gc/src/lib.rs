//! Ferrite's garbage-collected object model, on MMTk.
//!
//! Interpreters built on Ferrite allocate their objects here:
//!
//! ```
//! use ferrite_gc::{gc_object, Gc};
//!
//! #[gc_object]
//! pub struct Pair {
//!     pub head: i64,
//!     pub tail: Option<Gc<Pair>>,
//! }
//!
//! let list = Gc::new(Pair { head: 1, tail: None }).unwrap();
//! let list = Gc::new(Pair { head: 2, tail: Some(list) }).unwrap();
//! assert_eq!(list.tail().unwrap().head(), 1);
//! list.set_head(3);
//! assert_eq!(list.head(), 3);
//! ```
//!
//! - [`Gc<T>`] is a copyable handle. Handles in locals need no registration: every mutator
//!   thread's stack and registers are scanned conservatively (interior pointers included)
//!   and the objects they reach are pinned for that collection. Handles in fields of GC
//!   objects are found precisely, from the type's descriptor. Handles that must live
//!   elsewhere go in a [`RootVec`].
//! - `#[gc_object]` declares a GC type: it generates the [`TypeDescriptor`] (size, fields
//!   and their kinds and offsets, which are references) and typed getters and setters.
//! - [`Array`] holds integers, floats, booleans or nullable references; [`Bytes`] is an
//!   immutable byte string.
//! - Allocation returns `Result<_, OutOfMemory>`: a full heap is an error to handle.
//!
//! See `docs/gc.md` for the plan (Immix), the threading protocol and the road to a
//! generational collector.
//!
//! # What the types rule out
//!
//! Handles do not cross threads (each thread's stack is its own root set):
//!
//! ```compile_fail,E0277
//! # use ferrite_gc::{Bytes, Gc};
//! let text = Bytes::new(b"mine").unwrap();
//! std::thread::spawn(move || text.len());
//! ```
//!
//! Fields must be GC-storable values (`String` owns native memory the GC cannot see):
//!
//! ```compile_fail,E0277
//! #[ferrite_gc::gc_object]
//! struct Named { name: String }
//! ```
//!
//! GC types are not generic (each needs its own descriptor):
//!
//! ```compile_fail
//! #[ferrite_gc::gc_object]
//! struct Cell<T> { value: T }
//! ```
//!
//! Tuple structs have no field names to make accessors from, and the layout is the macro's:
//!
//! ```compile_fail
//! #[ferrite_gc::gc_object]
//! struct Point(i64, i64);
//! ```
//!
//! ```compile_fail
//! #[ferrite_gc::gc_object]
//! #[repr(packed)]
//! struct Packed { a: u8, b: i64 }
//! ```
//!
//! Arrays hold nullable references only, and root buffers references only:
//!
//! ```compile_fail,E0277
//! # use ferrite_gc::{Array, Bytes, Gc};
//! let strings = Array::<Gc<Bytes>>::new(1, Bytes::new(b"").unwrap());
//! ```
//!
//! ```compile_fail,E0080
//! let numbers = ferrite_gc::RootVec::<i64>::new();
//! ```

#![deny(unsafe_op_in_unsafe_fn)]

// The code `#[gc_object]` generates names `::ferrite_gc`, also inside this crate's tests.
extern crate self as ferrite_gc;

mod array;
mod binding;
mod descriptor;
mod dynamic;
mod handle;
mod header;
mod heap;
mod mutator;
pub mod quasi_immutable;
mod roots;
mod stack;
mod trigger;
mod vo_bits;

pub use array::{Array, ArrayElement, ArrayView, Bytes, PlainElement};
pub use binding::FerriteVM;
pub use descriptor::{
    descriptor, descriptor_by_name, DescriptorCell, DescriptorId, FieldDescriptor, FieldKind,
    Layout, TypeDescriptor,
};
pub use dynamic::{
    allocate_array, allocate_for_initialization, allocate_zeroed, AccessError, Scalar,
};
pub use ferrite_macros::gc_object;
pub use handle::{Gc, GcField, GcObject, GcRef, GcType};
pub use header::{ARRAY_HEADER_SIZE, ARRAY_LENGTH_OFFSET, HEADER_SIZE};
pub use heap::{
    collect, configure, is_object_start, stats, AlreadyStarted, GcOptions, GcStats, HeapSize,
};
pub use mutator::{blocking, safepoint, OutOfMemory};
pub use roots::RootVec;
