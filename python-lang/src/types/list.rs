//! The methods of `list`.

use crate::builtins::registry::NativeDef;

pub fn methods() -> Vec<NativeDef> {
    Vec::new()
}
