//! Printing a syntax error as CPython does:
//!
//! ```text
//!   File "x.py", line 3
//!     if x
//!         ^
//! SyntaxError: expected ':'
//! ```

use crate::compiler::SyntaxErrorInfo;

/// The report CPython writes to stderr for an uncaught syntax error.
pub fn report(error: &SyntaxErrorInfo) -> String {
    let mut out = format!("  File \"{}\", line {}\n", error.filename, error.line);
    if let Some(text) = &error.text {
        let trimmed = text.trim_start();
        let indent = text.chars().count() - trimmed.chars().count();
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            out.push_str("    ");
            out.push_str(trimmed);
            out.push('\n');
            let start = error.column.saturating_sub(1).saturating_sub(indent);
            let width = if error.end_line == error.line && error.end_column > error.column {
                error.end_column - error.column
            } else {
                1
            };
            let length = trimmed.chars().count();
            let start = start.min(length);
            let width = width.min(length.saturating_sub(start).max(1));
            out.push_str("    ");
            out.push_str(&" ".repeat(start));
            out.push_str(&"^".repeat(width));
            out.push('\n');
        }
    }
    out.push_str(&format!("{}: {}\n", error.kind, error.message));
    out
}
