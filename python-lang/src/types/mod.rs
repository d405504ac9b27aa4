//! The Python-visible methods of the built-in value types (`int`, `float`, `str`,
//! `list`, `dict`, …), one module per type; `objects` has their representations.

pub mod bytes;
pub mod complex;
pub mod dict;
pub mod file;
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
    defs.extend(file::methods());
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

/// The class of `sys.version_info`, a tuple with named fields, written in Python.
const VERSION_INFO_SOURCE: &str = "\
class version_info(tuple):
    __slots__ = ()
    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])
    def __repr__(self):
        return ('sys.version_info(major=%r, minor=%r, micro=%r, releaselevel=%r, serial=%r)'
                % tuple(self))
";

/// `sys.version_info`: (major, minor, micro, releaselevel, serial) with field names.
pub fn version_info(values: &[GcRef]) -> PyResult<GcRef> {
    let plain = crate::objects::new_tuple(values)?;
    let namespace = crate::objects::dict::new_dict()?;
    let module = crate::objects::str::intern("sys")?;
    crate::objects::dict::set_item(
        namespace,
        crate::runtime::space::name(crate::runtime::names::N::name),
        module,
    )?;
    crate::runtime::import::exec_source(VERSION_INFO_SOURCE, "<sys>", namespace)?;
    let class =
        crate::objects::dict::get_str(namespace, crate::objects::str::intern("version_info")?)
            .expect("the snippet defines version_info");
    crate::runtime::call::call_function(class, &[plain])
}
