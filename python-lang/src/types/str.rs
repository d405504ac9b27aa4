//! The methods of `str`.

use crate::builtins::registry::NativeDef;

pub fn methods() -> Vec<NativeDef> {
    Vec::new()
}
