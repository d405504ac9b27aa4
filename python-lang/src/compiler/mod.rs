//! From source text to code objects: parse with `ruff_python_parser`, build symbol
//! tables, generate wordcode (`codegen`, `expressions`, `patterns`), assemble.

pub mod assembler;
mod assignment;
pub mod bytecode;
mod codegen;
pub use codegen::HAS_DOCSTRING;
pub mod dis;
mod exceptions;
mod expressions;
mod patterns;
pub mod symtable;

use ruff_python_ast::{Mod, PythonVersion};
use ruff_python_parser::{Mode, ParseErrorType, ParseOptions};
use ruff_text_size::{TextRange, TextSize};

pub use bytecode::CodeUnit;

/// What the source is compiled as (`compile()`'s mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileMode {
    /// A module or script: statements.
    Exec,
    /// One expression, whose value the code returns.
    Eval,
    /// One interactive statement: expression values are printed.
    Single,
}

/// A syntax error, before it becomes a Python `SyntaxError`.
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub message: String,
    pub range: TextRange,
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: &'static str,
}

impl CompileError {
    pub fn new(message: String, range: TextRange) -> CompileError {
        CompileError {
            message,
            range,
            kind: "SyntaxError",
        }
    }
}

/// A syntax error located in the source: what the traceback printer and `SyntaxError`'s
/// attributes need.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxErrorInfo {
    pub kind: &'static str,
    pub message: String,
    pub filename: String,
    /// 1-based line and column (in characters, as CPython's `offset`).
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The text of the line (without its newline), if the error has one.
    pub text: Option<String>,
}

/// Byte offsets of line starts, for turning ranges into lines and columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: TextSize) -> usize {
        let offset = offset.to_usize();
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The 1-based line and character column of a byte offset.
    pub fn position(&self, source: &str, offset: TextSize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let end = offset.to_usize().min(source.len());
        let column = source
            .get(start..end)
            .map_or(end - start, |text| text.chars().count());
        (line, column + 1)
    }

    pub fn line_text<'s>(&self, source: &'s str, line: usize) -> Option<&'s str> {
        let start = *self.starts.get(line - 1)?;
        let end = self.starts.get(line).copied().unwrap_or(source.len());
        source
            .get(start..end)
            .map(|t| t.trim_end_matches(['\n', '\r']))
    }
}

/// Compile a whole source text.
pub fn compile(
    source: &str,
    filename: &str,
    mode: CompileMode,
) -> Result<CodeUnit, SyntaxErrorInfo> {
    compile_checked(source, filename, mode, false)
}

/// Compile what was typed at the interactive prompt: one statement (or one line of
/// simple statements separated by `;`) in `Single` mode. A second statement is an
/// "invalid syntax" at its first token, as CPython's prompt reports it.
pub fn compile_interactive(source: &str, filename: &str) -> Result<CodeUnit, SyntaxErrorInfo> {
    compile_checked(source, filename, CompileMode::Single, true)
}

/// The start of the statement after `body[0]` that is not on the same logical line, if
/// there is one (statements joined by `;` are).
fn second_statement(source: &str, body: &[ruff_python_ast::Stmt]) -> Option<TextRange> {
    use ruff_text_size::Ranged;
    for pair in body.windows(2) {
        let between = &source[pair[0].end().to_usize()..pair[1].start().to_usize()];
        let compound = !matches!(
            pair[0],
            ruff_python_ast::Stmt::Expr(_)
                | ruff_python_ast::Stmt::Assign(_)
                | ruff_python_ast::Stmt::AugAssign(_)
                | ruff_python_ast::Stmt::AnnAssign(_)
                | ruff_python_ast::Stmt::Pass(_)
                | ruff_python_ast::Stmt::Break(_)
                | ruff_python_ast::Stmt::Continue(_)
                | ruff_python_ast::Stmt::Return(_)
                | ruff_python_ast::Stmt::Raise(_)
                | ruff_python_ast::Stmt::Global(_)
                | ruff_python_ast::Stmt::Nonlocal(_)
                | ruff_python_ast::Stmt::Delete(_)
                | ruff_python_ast::Stmt::Assert(_)
                | ruff_python_ast::Stmt::Import(_)
                | ruff_python_ast::Stmt::ImportFrom(_)
                | ruff_python_ast::Stmt::TypeAlias(_)
        );
        if compound || between.contains('\n') || !between.contains(';') {
            let start = pair[1].start();
            let token = source[start.to_usize()..]
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
                .map_or(source.len() - start.to_usize(), |(i, _)| i)
                .max(1);
            let end = (start.to_usize() + token).min(source.len());
            return Some(TextRange::new(start, TextSize::new(end as u32)));
        }
    }
    None
}

fn compile_checked(
    source: &str,
    filename: &str,
    mode: CompileMode,
    interactive: bool,
) -> Result<CodeUnit, SyntaxErrorInfo> {
    let lines = LineIndex::new(source);
    let locate = |error: CompileError| locate_error(source, filename, &lines, error);
    let parse_mode = match mode {
        CompileMode::Eval => Mode::Expression,
        _ => Mode::Module,
    };
    let options = ParseOptions::from(parse_mode).with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse(source, options).map_err(|error| {
        let (message, kind) = parse_error_message(&error.error, source, error.location);
        locate(CompileError {
            message,
            range: error.location,
            kind,
        })
    })?;
    if let Some(error) = parsed.unsupported_syntax_errors().first() {
        return Err(locate(CompileError::new(
            "invalid syntax".to_string(),
            error.range,
        )));
    }
    let syntax = parsed.into_syntax();
    match syntax {
        Mod::Module(module) if interactive && module.body.len() > 1 => {
            match second_statement(source, &module.body) {
                Some(range) => Err(locate(CompileError::new(
                    "invalid syntax".to_string(),
                    range,
                ))),
                None => codegen::compile_module(source, filename, &lines, &module.body, mode)
                    .map_err(locate),
            }
        }
        Mod::Module(module) => {
            codegen::compile_module(source, filename, &lines, &module.body, mode).map_err(locate)
        }
        Mod::Expression(expression) => {
            codegen::compile_expression(source, filename, &lines, &expression.body).map_err(locate)
        }
    }
}

fn locate_error(
    source: &str,
    filename: &str,
    lines: &LineIndex,
    error: CompileError,
) -> SyntaxErrorInfo {
    let (line, column) = lines.position(source, error.range.start());
    let (end_line, end_column) = lines.position(source, error.range.end());
    SyntaxErrorInfo {
        kind: error.kind,
        message: error.message,
        filename: filename.to_string(),
        line,
        column,
        end_line,
        end_column,
        text: lines.line_text(source, line).map(str::to_string),
    }
}

/// CPython's wording for the parser's errors, as near as the parser's error kinds allow.
fn parse_error_message(
    error: &ParseErrorType,
    source: &str,
    range: TextRange,
) -> (String, &'static str) {
    use ruff_python_parser::LexicalErrorType;
    match error {
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => (
            "unindent does not match any outer indentation level".to_string(),
            "IndentationError",
        ),
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let line = source[..range.start().to_usize().min(source.len())]
                .matches('\n')
                .count()
                + 1;
            (
                format!("unterminated string literal (detected at line {line})"),
                "SyntaxError",
            )
        }
        ParseErrorType::UnexpectedIndentation => {
            ("unexpected indent".to_string(), "IndentationError")
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => (
            format!("invalid character '{tok}' (U+{:04X})", *tok as u32),
            "SyntaxError",
        ),
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            ("cannot assign to expression".to_string(), "SyntaxError")
        }
        ParseErrorType::InvalidDeleteTarget => {
            ("cannot delete expression".to_string(), "SyntaxError")
        }
        ParseErrorType::ExpectedToken { expected, .. } => {
            let expected = format!("{expected}");
            if expected.contains(':') {
                ("expected ':'".to_string(), "SyntaxError")
            } else {
                ("invalid syntax".to_string(), "SyntaxError")
            }
        }
        _ => ("invalid syntax".to_string(), "SyntaxError"),
    }
}
