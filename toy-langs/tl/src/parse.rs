//! Parsing: a source text to the program's `Code` objects, with the position and text of
//! every instruction's word for error messages.
//!
//! One pass over the words compiles each function; calls are resolved at the end, so a
//! function may call one defined after it (or itself). Structured control (`if`, `begin`)
//! compiles to forward and backward jumps, matched with a stack of open constructs.

use std::collections::HashMap;

use ferrite::{Array, Gc};

use crate::interpreter::{self as ops, Code, Pair};

/// A syntax error, with its 1-based line and column.
#[derive(Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Where a word is in the source (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// A parsed program: the main code (function 0; the others are reachable from it), and for
/// each function (by `Code::index`) and instruction, the word it came from.
pub struct Program {
    pub main: Gc<Code>,
    pub words: Vec<Vec<(Position, String)>>,
}

impl Program {
    /// The word of instruction `pc` of function `function`.
    pub fn word(&self, function: usize, pc: usize) -> (Position, &str) {
        let (position, text) = &self.words[function][pc];
        (*position, text)
    }
}

/// The words that compile to one instruction each.
const BUILTINS: &[(&str, u8)] = &[
    ("+", ops::ADD),
    ("-", ops::SUB),
    ("*", ops::MUL),
    ("/", ops::DIV),
    ("mod", ops::MOD),
    ("=", ops::EQ),
    ("<>", ops::NE),
    ("<", ops::LT),
    (">", ops::GT),
    ("<=", ops::LE),
    (">=", ops::GE),
    ("not", ops::NOT),
    ("dup", ops::DUP),
    ("drop", ops::DROP),
    ("swap", ops::SWAP),
    ("over", ops::OVER),
    ("rot", ops::ROT),
    ("nil", ops::PUSH_NIL),
    ("cons", ops::CONS),
    ("car", ops::CAR),
    ("cdr", ops::CDR),
    ("nil?", ops::IS_NIL),
    ("pair?", ops::IS_PAIR),
    (".", ops::PRINT),
    ("emit", ops::EMIT),
    ("cr", ops::NEWLINE),
];

/// The words of the syntax itself.
const KEYWORDS: &[&str] = &[
    ":", ";", "{", "}", "if", "else", "then", "begin", "while", "repeat", "until", "exit",
];

/// An open control construct, with where it started (for "without" errors).
enum Control {
    /// `if`, with its `JUMP_IF_ZERO` to patch.
    If(usize, Position),
    /// `else`, with its `JUMP` to patch.
    Else(usize, Position),
    /// `begin`, with the loop's start.
    Begin(usize, Position),
    /// `while`, with the loop's start and its `JUMP_IF_ZERO` to patch.
    While(usize, usize, Position),
}

impl Control {
    fn describe(&self) -> (Position, &'static str) {
        match self {
            Control::If(_, at) => (*at, "`if` without `then`"),
            Control::Else(_, at) => (*at, "`else` without `then`"),
            Control::Begin(_, at) => (*at, "`begin` without `repeat` or `until`"),
            Control::While(_, _, at) => (*at, "`while` without `repeat`"),
        }
    }
}

/// A function being compiled.
struct Function {
    arity: usize,
    locals: Vec<String>,
    ops: Vec<u8>,
    args: Vec<i64>,
    words: Vec<(Position, String)>,
    control: Vec<Control>,
    /// Calls to resolve at the end: instruction, callee name.
    calls: Vec<(usize, String)>,
    /// Where its `:` is (for "without `;`").
    start: Position,
}

impl Function {
    fn new(start: Position) -> Self {
        Function {
            arity: 0,
            locals: Vec::new(),
            ops: Vec::new(),
            args: Vec::new(),
            words: Vec::new(),
            control: Vec::new(),
            calls: Vec::new(),
            start,
        }
    }

    fn emit(&mut self, op: u8, arg: i64, at: Position, word: &str) -> usize {
        self.ops.push(op);
        self.args.push(arg);
        self.words.push((at, word.to_string()));
        self.ops.len() - 1
    }

    fn here(&self) -> usize {
        self.ops.len()
    }

    fn local(&self, name: &str) -> Option<usize> {
        self.locals.iter().position(|l| l == name)
    }

    /// Close the function: no construct may be open.
    fn finish(&mut self, at: Position, word: &str) -> Result<(), ParseError> {
        if let Some(open) = self.control.last() {
            let (position, message) = open.describe();
            return Err(error(position, message));
        }
        self.emit(ops::RETURN, 0, at, word);
        Ok(())
    }
}

fn error(at: Position, message: impl Into<String>) -> ParseError {
    ParseError {
        line: at.line,
        column: at.column,
        message: message.into(),
    }
}

/// The source's words with their positions; `#` starts a comment to the end of the line.
fn words(source: &str) -> Vec<(Position, &str)> {
    let mut words = Vec::new();
    for (line_index, line) in source.lines().enumerate() {
        let mut start: Option<(usize, usize)> = None; // byte offset, column
        let mut column = 0;
        for (offset, character) in line.char_indices() {
            column += 1;
            if character.is_whitespace() {
                if let Some((begin, begin_column)) = start.take() {
                    let position = Position {
                        line: line_index + 1,
                        column: begin_column,
                    };
                    words.push((position, &line[begin..offset]));
                }
            } else if start.is_none() {
                if character == '#' {
                    break;
                }
                start = Some((offset, column));
            }
        }
        if let Some((begin, begin_column)) = start {
            let position = Position {
                line: line_index + 1,
                column: begin_column,
            };
            words.push((position, &line[begin..]));
        }
    }
    words
}

fn is_integer(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `word` may name a function or a local.
fn check_name(word: &str, at: Position, what: &str) -> Result<(), ParseError> {
    if is_integer(word)
        || BUILTINS.iter().any(|(name, _)| *name == word)
        || KEYWORDS.contains(&word)
        || word.starts_with('=')
    {
        return Err(error(at, format!("`{word}` cannot name a {what}")));
    }
    Ok(())
}

/// Parse `source` into a program.
pub fn parse(source: &str) -> Result<Program, ParseError> {
    let words = words(source);
    // Function 0 is the main program; `current` is the one being compiled.
    let start = Position { line: 1, column: 1 };
    let mut functions = vec![Function::new(start)];
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut current = 0;
    let mut index = 0;
    while index < words.len() {
        let (at, word) = words[index];
        index += 1;
        let function = &mut functions[current];
        if is_integer(word) {
            let value: i64 = word
                .parse()
                .map_err(|_| error(at, format!("`{word}` is out of range")))?;
            function.emit(ops::PUSH_INT, value, at, word);
            continue;
        }
        if let Some(&(_, op)) = BUILTINS.iter().find(|(name, _)| *name == word) {
            function.emit(op, 0, at, word);
            continue;
        }
        match word {
            ":" => {
                if current != 0 {
                    return Err(error(at, "`:` inside a definition (they cannot nest)"));
                }
                let Some(&(name_at, name)) = words.get(index) else {
                    return Err(error(at, "`:` without a name"));
                };
                index += 1;
                check_name(name, name_at, "function")?;
                if names.contains_key(name) {
                    return Err(error(name_at, format!("`{name}` is already defined")));
                }
                let mut defined = Function::new(at);
                if words.get(index).is_some_and(|(_, w)| *w == "{") {
                    index += 1;
                    loop {
                        let Some(&(local_at, local)) = words.get(index) else {
                            return Err(error(at, "`{` without `}`"));
                        };
                        index += 1;
                        if local == "}" {
                            break;
                        }
                        check_name(local, local_at, "local")?;
                        if defined.local(local).is_some() {
                            return Err(error(local_at, format!("`{local}` is already a local")));
                        }
                        defined.locals.push(local.to_string());
                    }
                    defined.arity = defined.locals.len();
                }
                names.insert(name.to_string(), functions.len());
                current = functions.len();
                functions.push(defined);
            }
            ";" => {
                if current == 0 {
                    return Err(error(at, "`;` without `:`"));
                }
                function.finish(at, word)?;
                current = 0;
            }
            "{" | "}" => {
                return Err(error(
                    at,
                    format!("`{word}` is only allowed right after `: name`"),
                ))
            }
            "exit" => {
                function.emit(ops::RETURN, 0, at, word);
            }
            "if" => {
                let jump = function.emit(ops::JUMP_IF_ZERO, 0, at, word);
                function.control.push(Control::If(jump, at));
            }
            "else" => match function.control.pop() {
                Some(Control::If(jump_if_zero, _)) => {
                    let jump = function.emit(ops::JUMP, 0, at, word);
                    function.args[jump_if_zero] = function.here() as i64;
                    function.control.push(Control::Else(jump, at));
                }
                _ => return Err(error(at, "`else` without `if`")),
            },
            "then" => match function.control.pop() {
                Some(Control::If(jump, _) | Control::Else(jump, _)) => {
                    function.args[jump] = function.here() as i64;
                }
                _ => return Err(error(at, "`then` without `if`")),
            },
            "begin" => {
                let here = function.here();
                function.control.push(Control::Begin(here, at));
            }
            "while" => match function.control.pop() {
                Some(Control::Begin(start, _)) => {
                    let jump = function.emit(ops::JUMP_IF_ZERO, 0, at, word);
                    function.control.push(Control::While(start, jump, at));
                }
                _ => return Err(error(at, "`while` without `begin`")),
            },
            "repeat" => match function.control.pop() {
                Some(Control::While(start, jump, _)) => {
                    function.emit(ops::LOOP, start as i64, at, word);
                    function.args[jump] = function.here() as i64;
                }
                _ => return Err(error(at, "`repeat` without `begin … while`")),
            },
            "until" => match function.control.pop() {
                Some(Control::Begin(start, _)) => {
                    function.emit(ops::LOOP_IF_ZERO, start as i64, at, word);
                }
                _ => return Err(error(at, "`until` without `begin`")),
            },
            _ => {
                if let Some(name) = word.strip_prefix('=') {
                    check_name(name, at, "local")?;
                    let local = match function.local(name) {
                        Some(local) => local,
                        None => {
                            function.locals.push(name.to_string());
                            function.locals.len() - 1
                        }
                    };
                    function.emit(ops::SET_LOCAL, local as i64, at, word);
                } else if let Some(local) = function.local(word) {
                    function.emit(ops::GET_LOCAL, local as i64, at, word);
                } else {
                    let call = function.emit(ops::CALL, 0, at, word);
                    function.calls.push((call, word.to_string()));
                }
            }
        }
    }
    if current != 0 {
        return Err(error(functions[current].start, "`:` without `;`"));
    }
    let end = words.last().map_or(start, |(at, _)| *at);
    functions[0].finish(end, "end of program")?;
    for function in &mut functions {
        for (call, name) in &function.calls {
            match names.get(name) {
                Some(&index) => function.args[*call] = index as i64,
                None => {
                    let (at, _) = function.words[*call];
                    return Err(error(at, format!("unknown word `{name}`")));
                }
            }
        }
    }
    Ok(allocate(functions))
}

/// The GC objects of the compiled functions. (The table and nil stay in locals while the
/// rest is allocated, so the stack scan keeps them alive.)
fn allocate(functions: Vec<Function>) -> Program {
    let nil = Gc::new(Pair {
        car: 0,
        car_ref: None,
        cdr: 0,
        cdr_ref: None,
    })
    .expect("heap");
    let table: Gc<Array<Option<Gc<Code>>>> = Array::new(functions.len(), None).expect("heap");
    let mut words = Vec::with_capacity(functions.len());
    for (index, function) in functions.into_iter().enumerate() {
        let ops = Array::from_slice(&function.ops).expect("heap");
        let args = Array::from_slice(&function.args).expect("heap");
        let code = Gc::new(Code {
            index,
            ops,
            args,
            arity: function.arity,
            locals: function.locals.len(),
            functions: table,
            nil,
        })
        .expect("heap");
        table.set(index, Some(code));
        words.push(function.words);
    }
    Program {
        main: table.get(0).expect("the main program"),
        words,
    }
}
