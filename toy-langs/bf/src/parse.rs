//! Parsing: the commands of a source text, with each bracket's partner.

use ferrite::{Array, Gc};

use crate::interpreter::Program;

/// An unmatched bracket, with its 1-based line and column.
#[derive(Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
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

/// The program of `source`: its commands, and each bracket's partner.
pub fn parse(source: &str) -> Result<Gc<Program>, ParseError> {
    let mut code = Vec::new();
    let mut partner = Vec::new();
    // Open brackets: their command index, line and column.
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for (line_index, line) in source.lines().enumerate() {
        for (column_index, character) in line.chars().enumerate() {
            let (line, column) = (line_index + 1, column_index + 1);
            let command = match character {
                '+' | '-' | '<' | '>' | '.' | ',' | '[' | ']' => character as u8,
                _ => continue,
            };
            let index = code.len();
            code.push(command);
            partner.push(0);
            match command {
                b'[' => open.push((index, line, column)),
                b']' => {
                    let Some((start, _, _)) = open.pop() else {
                        return Err(ParseError {
                            line,
                            column,
                            message: "`]` without a matching `[`",
                        });
                    };
                    partner[start] = index;
                    partner[index] = start;
                }
                _ => {}
            }
        }
    }
    if let Some(&(_, line, column)) = open.last() {
        return Err(ParseError {
            line,
            column,
            message: "`[` without a matching `]`",
        });
    }
    Ok(Gc::new(Program {
        code: Array::from_slice(&code).expect("heap"),
        partner: Array::from_slice(&partner).expect("heap"),
    })
    .expect("heap"))
}
