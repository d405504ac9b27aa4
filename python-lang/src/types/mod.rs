//! The Python-visible methods of the built-in value types (`int`, `float`, `str`,
//! `list`, `dict`, …), one module per type; `objects` has their representations.

pub mod bytes;
pub mod complex;
pub mod dict;
pub mod float;
pub mod int;
pub mod list;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod tuple;

use ferrite::GcRef;

use crate::builtins::registry::NativeDef;
use crate::runtime::errors::PyResult;

/// Every method of the built-in value types.
pub fn methods() -> Vec<NativeDef> {
    let mut defs = Vec::new();
    defs.extend(crate::runtime::stdio::methods());
    defs.extend(int::methods());
    defs.extend(float::methods());
    defs.extend(complex::methods());
    defs.extend(str::methods());
    defs.extend(bytes::methods());
    defs.extend(list::methods());
    defs.extend(tuple::methods());
    defs.extend(dict::methods());
    defs.extend(set::methods());
    defs.extend(range::methods());
    defs.extend(slice::methods());
    defs
}

/// `sys.version_info`: a tuple (major, minor, micro, releaselevel, serial).
pub fn version_info(values: &[GcRef]) -> PyResult<GcRef> {
    crate::objects::new_tuple(values)
}
