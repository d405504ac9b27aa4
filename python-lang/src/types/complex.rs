//! The methods of `complex`.

use crate::builtins::registry::NativeDef;

pub fn methods() -> Vec<NativeDef> {
    Vec::new()
}
