//! Translation errors: every one names the file, line and column of the construct, says what
//! is wrong, and where it can, suggests what to write instead.

use std::fmt;
use std::path::{Path, PathBuf};

use proc_macro2::Span;

/// An error in the interpreter's source, found while translating it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TranslateError {
    pub file: PathBuf,
    /// 1-based.
    pub line: usize,
    /// 1-based.
    pub column: usize,
    pub message: String,
    pub suggestion: Option<String>,
}

impl TranslateError {
    /// An error at `span` of `file`.
    pub fn at(file: &Path, span: Span, message: impl Into<String>) -> Self {
        let start = span.start();
        TranslateError {
            file: file.to_path_buf(),
            line: start.line,
            column: start.column + 1,
            message: message.into(),
            suggestion: None,
        }
    }

    /// The same error with a suggestion of what to write instead.
    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }
}

impl fmt::Display for TranslateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(suggestion) = &self.suggestion {
            write!(f, "\n  help: {suggestion}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TranslateError {}

pub type Result<T, E = TranslateError> = std::result::Result<T, E>;
