//! The `time` module.

use ferrite::GcRef;

use crate::runtime::errors::PyResult;

pub fn make_module() -> PyResult<GcRef> {
    let module = crate::runtime::import::new_module("time")?.erase();
    crate::builtins::modules::add_functions(module, "time")?;
    Ok(module)
}
