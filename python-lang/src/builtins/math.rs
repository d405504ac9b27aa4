//! The `math` module.

use ferrite::GcRef;

use crate::runtime::errors::PyResult;

pub fn make_module() -> PyResult<GcRef> {
    let module = crate::runtime::import::new_module("math")?.erase();
    crate::builtins::modules::add_functions(module, "math")?;
    Ok(module)
}
