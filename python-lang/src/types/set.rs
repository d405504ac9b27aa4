//! The methods of `set`.

use crate::builtins::registry::NativeDef;

pub fn methods() -> Vec<NativeDef> {
    Vec::new()
}
