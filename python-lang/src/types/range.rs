//! The methods of `range`.

use crate::builtins::registry::NativeDef;

pub fn methods() -> Vec<NativeDef> {
    Vec::new()
}
