//! The text form of traces, as in PyPy's tests: one operation per line, values named by a
//! type letter (`i` integer, `p` reference, `f` float) and a number.
//!
//! ```text
//! [i0, p1]
//! label(i0, p1)
//! i2 = int_add(i0, 1)
//! i3 = int_lt(i2, 100)
//! guard_true(i3) [i2, p1]
//! p4 = getfield_gc_r(p1, descr=Node.next)
//! jump(i2, p4)
//! ```
//!
//! Constants: integers (`-3`), floats (anything else `f64::from_str` reads: `1.5`, `1e300`,
//! `-0.0`, `inf`, `NaN`), `null`, and `ConstPtr(name)` for a GC object named in the
//! parser's namespace. Descriptors: `descr=Type.field`, `descr=Type` (for `new`), or an array
//! type's name (`descr=Array<i64>`, `descr=Bytes`). Lines starting with `#` are comments.
//! The printer writes reference constants as `ConstPtr(cK)`, `K` their index in the trace.

use std::collections::HashMap;
use std::fmt::{self, Write};

use bumpalo::Bump;
use ferrite_gc::{descriptor, descriptor_by_name, GcRef, Layout};

use crate::opcode::{DescrKind, Opcode};
use crate::trace::{Descr, Op, Operand, Trace, Type, ValueId};

fn value_name(trace: &Trace, value: ValueId) -> String {
    format!("{}{}", trace.value_type(value).prefix(), value.0)
}

fn operand_text(trace: &Trace, operand: Operand) -> String {
    match operand {
        Operand::Value(value) => value_name(trace, value),
        Operand::Int(v) => v.to_string(),
        Operand::Float(v) => format!("{v:?}"),
        Operand::Ref(index) => format!("ConstPtr(c{index})"),
        Operand::Null => "null".to_string(),
    }
}

fn descr_text(descr: Descr) -> String {
    let type_name = |id| descriptor(id).map_or("?", |d| d.name);
    match descr {
        Descr::Field { owner, index } => {
            let field = match descriptor(owner).map(|d| &d.layout) {
                Some(Layout::Fixed { fields, .. }) => {
                    fields.get(index as usize).map_or("?", |f| f.name)
                }
                _ => "?",
            };
            format!("{}.{field}", type_name(owner))
        }
        Descr::Array(id) | Descr::Size(id) => type_name(id).to_string(),
        Descr::Call(id) => format!("call:{}", crate::calls::target(id).name),
    }
}

fn write_op(out: &mut String, trace: &Trace, op: &Op) -> fmt::Result {
    if let Some(result) = op.result {
        write!(out, "{} = ", value_name(trace, result))?;
    }
    let mut args: Vec<String> = op.args.iter().map(|&a| operand_text(trace, a)).collect();
    if let Some(descr) = op.descr {
        args.push(format!("descr={}", descr_text(descr)));
    }
    write!(out, "{}({})", op.opcode.name(), args.join(", "))?;
    if op.opcode.is_guard() {
        let fail: Vec<String> = op
            .fail_args
            .iter()
            .map(|&a| operand_text(trace, a))
            .collect();
        write!(out, " [{}]", fail.join(", "))?;
    }
    writeln!(out)
}

impl fmt::Display for Trace<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inputs: Vec<String> = self.inputs().map(|v| value_name(self, v)).collect();
        let mut out = format!("[{}]\n", inputs.join(", "));
        for op in self.ops() {
            write_op(&mut out, self, op)?;
        }
        f.write_str(&out)
    }
}

/// A syntax or validity error in trace text, with its position (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// The GC objects `ConstPtr(name)` may name.
pub type RefNamespace = HashMap<String, GcRef>;

struct Parser<'t, 'a> {
    loop_label_types: Option<&'t [Type]>,
    trace: Option<Trace<'a>>,
    names: HashMap<&'t str, ValueId>,
    refs: &'t RefNamespace,
    line_number: usize,
    line: &'t str,
}

/// Parse a trace; `refs` names the objects `ConstPtr(name)` may refer to.
pub fn parse<'a>(
    arena: &'a Bump,
    text: &str,
    refs: &RefNamespace,
) -> Result<Trace<'a>, ParseError> {
    parse_with(arena, text, refs, None)
}

/// Parse a bridge of a loop whose label takes `loop_label_types` (see `Trace::new_bridge`).
pub fn parse_bridge<'a>(
    arena: &'a Bump,
    text: &str,
    refs: &RefNamespace,
    loop_label_types: &[Type],
) -> Result<Trace<'a>, ParseError> {
    parse_with(arena, text, refs, Some(loop_label_types))
}

fn parse_with<'a>(
    arena: &'a Bump,
    text: &str,
    refs: &RefNamespace,
    loop_label_types: Option<&[Type]>,
) -> Result<Trace<'a>, ParseError> {
    let mut parser = Parser {
        loop_label_types,
        trace: None,
        names: HashMap::new(),
        refs,
        line_number: 0,
        line: "",
    };
    for (index, line) in text.lines().enumerate() {
        parser.line_number = index + 1;
        parser.line = line;
        let content = line.trim();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if parser.trace.is_none() {
            parser.inputs(arena, content)?;
        } else {
            parser.operation(content)?;
        }
    }
    parser.trace.ok_or(ParseError {
        line: 1,
        column: 1,
        message: "empty trace: expected an input list like `[i0, p1]`".into(),
    })
}

impl<'t, 'a> Parser<'t, 'a> {
    fn error(&self, piece: &str, message: impl Into<String>) -> ParseError {
        // `piece` is a subslice of the line when it can be; otherwise point at the start.
        let offset = (piece.as_ptr() as usize).wrapping_sub(self.line.as_ptr() as usize);
        let column = if offset <= self.line.len() {
            offset + 1
        } else {
            1
        };
        ParseError {
            line: self.line_number,
            column,
            message: message.into(),
        }
    }

    fn inputs(&mut self, arena: &'a Bump, content: &'t str) -> Result<(), ParseError> {
        let inner = content
            .strip_prefix('[')
            .and_then(|c| c.strip_suffix(']'))
            .ok_or_else(|| self.error(content, "expected the input list, like `[i0, p1, f2]`"))?;
        let mut types = Vec::new();
        let mut names = Vec::new();
        for name in split_top_level(inner) {
            types.push(self.type_of_name(name)?);
            names.push(name);
        }
        let trace = match self.loop_label_types {
            Some(loop_types) => Trace::new_bridge(arena, &types, loop_types),
            None => Trace::new(arena, &types),
        };
        for (name, value) in names.into_iter().zip(trace.inputs()) {
            self.define(name, value)?;
        }
        self.trace = Some(trace);
        Ok(())
    }

    fn type_of_name(&self, name: &'t str) -> Result<Type, ParseError> {
        let valid = name.len() > 1
            && name[1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        match name.chars().next() {
            Some('i') if valid => Ok(Type::Int),
            Some('p') if valid => Ok(Type::Ref),
            Some('f') if valid => Ok(Type::Float),
            _ => Err(self.error(
                name,
                format!("`{name}` is not a value name: use i<N>, p<N> or f<N>"),
            )),
        }
    }

    fn define(&mut self, name: &'t str, value: ValueId) -> Result<(), ParseError> {
        if self.names.insert(name, value).is_some() {
            return Err(self.error(name, format!("`{name}` is defined twice")));
        }
        Ok(())
    }

    fn operation(&mut self, content: &'t str) -> Result<(), ParseError> {
        let (result_name, call) = match content.split_once('=') {
            Some((lhs, rhs)) if !lhs.contains('(') => (Some(lhs.trim()), rhs.trim_start()),
            _ => (None, content),
        };
        let open = call
            .find('(')
            .ok_or_else(|| self.error(call, "expected `operation(arguments)`"))?;
        let name = call[..open].trim();
        let opcode = Opcode::from_name(name)
            .ok_or_else(|| self.error(name, format!("unknown operation `{name}`")))?;
        let close =
            matching_paren(call, open).ok_or_else(|| self.error(&call[open..], "unclosed `(`"))?;
        let mut args = Vec::new();
        let mut descr = None;
        for piece in split_top_level(&call[open + 1..close]) {
            if let Some(text) = piece.strip_prefix("descr=") {
                descr = Some(self.descr(text, opcode)?);
            } else {
                args.push(self.operand(piece)?);
            }
        }
        let rest = call[close + 1..].trim();
        let mut fail_args = Vec::new();
        if !rest.is_empty() {
            let inner = rest
                .strip_prefix('[')
                .and_then(|r| r.strip_suffix(']'))
                .ok_or_else(|| {
                    self.error(rest, "expected the guard's fail arguments, like `[i0, p1]`")
                })?;
            for piece in split_top_level(inner) {
                fail_args.push(self.operand(piece)?);
            }
        } else if opcode.is_guard() {
            return Err(self.error(
                call,
                "a guard needs its fail arguments, like `[i0, p1]` (or `[]`)",
            ));
        }
        let trace = self.trace.as_mut().expect("inputs parsed first");
        let result = trace
            .push(opcode, &args, descr, &fail_args)
            .map_err(|e| ParseError {
                line: self.line_number,
                column: 1,
                message: e.to_string(),
            })?;
        match (result, result_name) {
            (Some(Operand::Value(value)), Some(name)) => {
                let expected = trace.value_type(value);
                if self.type_of_name(name)? != expected {
                    return Err(self.error(
                        name,
                        format!(
                            "`{name}` names a {expected:?} result: start it with `{}`",
                            expected.prefix()
                        ),
                    ));
                }
                self.define(name, value)
            }
            (Some(_), None) => Err(self.error(
                call,
                format!(
                    "`{}` has a result: write `name = {}(...)`",
                    opcode.name(),
                    opcode.name()
                ),
            )),
            (None, Some(name)) => {
                Err(self.error(name, format!("`{}` has no result", opcode.name())))
            }
            _ => Ok(()),
        }
    }

    fn operand(&mut self, piece: &'t str) -> Result<Operand, ParseError> {
        if piece == "null" {
            return Ok(Operand::Null);
        }
        if let Some(name) = piece
            .strip_prefix("ConstPtr(")
            .and_then(|p| p.strip_suffix(')'))
        {
            let object = *self.refs.get(name).ok_or_else(|| {
                self.error(
                    piece,
                    format!("no object named `{name}` was given to the parser"),
                )
            })?;
            return Ok(self
                .trace
                .as_mut()
                .expect("inputs parsed first")
                .add_ref_constant(object));
        }
        if let Some(&value) = self.names.get(piece) {
            return Ok(Operand::Value(value));
        }
        if piece.starts_with(|c: char| c.is_ascii_digit() || c == '-')
            && piece.parse::<i64>().is_ok()
        {
            return Ok(Operand::Int(piece.parse().unwrap()));
        }
        if let Ok(value) = piece.parse::<f64>() {
            return Ok(Operand::Float(value));
        }
        Err(self.error(
            piece,
            format!("`{piece}` is not a defined value or a constant"),
        ))
    }

    fn descr(&self, text: &'t str, opcode: Opcode) -> Result<Descr, ParseError> {
        if let Some(name) = text.strip_prefix("call:") {
            return crate::calls::target_by_name(name)
                .map(Descr::Call)
                .ok_or_else(|| {
                    self.error(text, format!("no call target named `{name}` is registered"))
                });
        }
        heap_descr_by_name(text, opcode.info().descr == DescrKind::Size)
            .map_err(|message| self.error(text, message))
    }
}

/// The heap descriptor named `text` as the text form writes it: `Type.field` for a field,
/// `Type` for an array type, or for a fixed-size type's size if `size`.
pub fn heap_descr_by_name(text: &str, size: bool) -> Result<Descr, String> {
    if let Some((type_name, field_name)) = text.split_once('.') {
        let owner = descriptor_by_name(type_name)
            .ok_or_else(|| format!("no GC type named `{type_name}` is registered"))?;
        let Some(Layout::Fixed { fields, .. }) = descriptor(owner).map(|d| &d.layout) else {
            return Err(format!("`{type_name}` has no fields"));
        };
        let index = fields
            .iter()
            .position(|f| f.name == field_name)
            .ok_or_else(|| format!("`{type_name}` has no field `{field_name}`"))?;
        return Ok(Descr::Field {
            owner,
            index: index as u16,
        });
    }
    let id = descriptor_by_name(text)
        .ok_or_else(|| format!("no GC type named `{text}` is registered"))?;
    Ok(if size {
        Descr::Size(id)
    } else {
        Descr::Array(id)
    })
}

/// Split `a, b, c` at top-level commas: not inside `()`, `<>` or `[]`. Shared with the
/// jitcode assembler.
pub fn split_top_level(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            ',' if depth == 0 => {
                pieces.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() || !pieces.is_empty() {
        pieces.push(last);
    }
    pieces
}

/// The index of the `)` that closes the `(` at `open`.
fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}
