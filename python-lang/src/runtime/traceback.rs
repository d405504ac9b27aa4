//! Printing an uncaught exception as CPython 3.11 does: the chain of causes and contexts,
//! `Traceback (most recent call last):`, each frame's source line with the `^^^^`/`~~^~~`
//! markers under the failing expression, repeated frames folded, then `Type: message`
//! and the notes. Also `SyntaxError` objects for compile errors found at run time.

use std::collections::HashMap;

use ferrite::{Gc, GcRef};

use crate::compiler::SyntaxErrorInfo;
use crate::objects::layout::*;
use crate::objects::typeobject::type_name;
use crate::objects::{dict, list, new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{code, ops};

/// Source files read so far (CPython's `linecache`).
#[derive(Default)]
pub struct SourceCache {
    files: HashMap<String, Option<String>>,
}

impl SourceCache {
    fn source(&mut self, filename: &str) -> Option<&str> {
        self.files
            .entry(filename.to_string())
            .or_insert_with(|| {
                if filename.starts_with('<') {
                    return None;
                }
                std::fs::read_to_string(filename).ok()
            })
            .as_deref()
    }
}

/// The whole report for an uncaught exception, chain included.
pub fn format_exception(e: Gc<PyException>) -> String {
    let mut out = String::new();
    let mut cache = SourceCache::default();
    let mut seen = Vec::new();
    format_chain(e, &mut out, &mut cache, &mut seen);
    out
}

fn format_chain(
    e: Gc<PyException>,
    out: &mut String,
    cache: &mut SourceCache,
    seen: &mut Vec<GcRef>,
) {
    seen.push(e.erase());
    if let Some(cause) = e.cause().and_then(|c| c.downcast::<PyException>()) {
        if !seen.contains(&cause.erase()) {
            format_chain(cause, out, cache, seen);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        }
    } else if !e.suppress_context() {
        if let Some(context) = e.context().and_then(|c| c.downcast::<PyException>()) {
            if !seen.contains(&context.erase()) {
                format_chain(context, out, cache, seen);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
    }
    format_single(e, out, cache);
}

fn format_single(e: Gc<PyException>, out: &mut String, cache: &mut SourceCache) {
    if let Some(tb) = e.traceback().and_then(|t| t.downcast::<PyTraceback>()) {
        out.push_str("Traceback (most recent call last):\n");
        format_entries(tb, out, cache);
    }
    if crate::objects::typeobject::is_subtype(e.cls(), space::builtin_type(T_SYNTAX_ERROR)) {
        if let Some(text) = syntax_error_report(e) {
            out.push_str(&text);
            return;
        }
    }
    out.push_str(&exception_line(e));
    if let Ok(Some(notes)) = crate::objects::instance::get_own(e.erase(), space::name(N::notes)) {
        if let Some(l) = notes.downcast::<PyList>() {
            for i in 0..list::len(l) {
                let note = list::get(l, i);
                match ops::str_string(note) {
                    Ok(text) if note.is::<PyStr>() => {
                        out.push_str(&text);
                        out.push('\n');
                    }
                    _ => out.push_str("<note str() failed>\n"),
                }
            }
        }
    }
}

/// `Type: message` (the module named unless it is `builtins` or `__main__`).
pub fn exception_line(e: Gc<PyException>) -> String {
    let cls = e.cls();
    let mut name = pystr::to_string(cls.qualname());
    if let Some(module) =
        dict::get_str(cls.dict(), space::name(N::module)).filter(|m| m.is::<PyStr>())
    {
        let module = pystr::to_string(module);
        if module != "builtins" && module != "__main__" {
            name = format!("{module}.{name}");
        }
    }
    let message = match ops::str_(e.erase()) {
        Ok(text) => pystr::to_string(text),
        Err(_) => "<exception str() failed>".to_string(),
    };
    let hint = match crate::runtime::suggestions::suggestion(e) {
        Some(s) => format!(". Did you mean: '{s}'?"),
        None => String::new(),
    };
    if message.is_empty() && hint.is_empty() {
        format!("{name}\n")
    } else {
        format!("{name}: {message}{hint}\n")
    }
}

/// One traceback entry's identity for folding repeats.
fn entry_key(tb: Gc<PyTraceback>) -> (GcRef, i64, GcRef) {
    let code = tb.frame().code();
    (code.filename(), tb.line(), code.name())
}

fn format_entries(first: Gc<PyTraceback>, out: &mut String, cache: &mut SourceCache) {
    let mut last: Option<(GcRef, i64, GcRef)> = None;
    let mut repeats = 0;
    let mut entry = Some(first);
    while let Some(tb) = entry {
        let key = entry_key(tb);
        let same = last.is_some_and(|(f, l, n)| {
            pystr::eq_text(f, &pystr::to_string(key.0))
                && l == key.1
                && pystr::eq_text(n, &pystr::to_string(key.2))
        });
        if same {
            repeats += 1;
        } else {
            flush_repeats(out, repeats);
            repeats = 0;
            last = Some(key);
        }
        if repeats < 3 {
            format_entry(tb, out, cache);
        }
        entry = tb.next();
    }
    flush_repeats(out, repeats);
}

fn flush_repeats(out: &mut String, repeats: usize) {
    if repeats >= 3 {
        let more = repeats - 2;
        let plural = if more == 1 { "" } else { "s" };
        out.push_str(&format!(
            "  [Previous line repeated {more} more time{plural}]\n"
        ));
    }
}

fn format_entry(tb: Gc<PyTraceback>, out: &mut String, cache: &mut SourceCache) {
    let code = tb.frame().code();
    let filename = pystr::to_string(code.filename());
    let name = pystr::to_string(code.name());
    out.push_str(&format!(
        "  File \"{filename}\", line {}, in {name}\n",
        tb.line()
    ));
    let Some(source) = cache.source(&filename) else {
        return;
    };
    let index = crate::compiler::LineIndex::new(source);
    let Some(line) = index.line_text(source, tb.line() as usize) else {
        return;
    };
    let stripped = line.trim();
    if stripped.is_empty() {
        return;
    }
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    if let Some(markers) = caret_line(
        source,
        &index,
        code,
        tb.last_instruction(),
        tb.line() as usize,
        line,
    ) {
        out.push_str(&markers);
    }
}

/// Character offset of byte offset `byte` within `line`.
fn char_offset(line: &str, byte: usize) -> usize {
    line.get(..byte.min(line.len()))
        .map_or(byte, |t| t.chars().count())
}

/// The marker line under a source line, or None when the failing expression covers it
/// all (CPython leaves the markers out then).
fn caret_line(
    source: &str,
    index: &crate::compiler::LineIndex,
    code: Gc<PyCode>,
    instruction: i64,
    line_number: usize,
    line: &str,
) -> Option<String> {
    let (start, end) = code::position_of(code, instruction)?;
    let start_size = ruff_text_size::TextSize::try_from(start).ok()?;
    let end_size = ruff_text_size::TextSize::try_from(end).ok()?;
    let start_line = index.line(start_size);
    let end_line = index.line(end_size);
    if start_line != line_number {
        return None;
    }
    let line_start = source.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let start_offset = char_offset(line, start - line_start);
    let total = line.chars().count();
    let mut end_offset;
    let mut anchors = None;
    if start_line == end_line {
        end_offset = char_offset(line, end - line_start);
        let segment: String = line
            .chars()
            .skip(start_offset)
            .take(end_offset.saturating_sub(start_offset))
            .collect();
        anchors = anchors_of(&segment).map(|(l, r)| (l + start_offset, r + start_offset));
    } else {
        end_offset = line.trim_end().chars().count();
    }
    end_offset = end_offset.min(total);
    let indent = total - line.trim_start().chars().count();
    let stripped_length = line.trim().chars().count();
    if end_offset.saturating_sub(start_offset) >= stripped_length && anchors.is_none() {
        return None;
    }
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    let mut markers = String::from("    ");
    for offset in indent + 1..=end_offset {
        let c = if offset <= start_offset {
            ' '
        } else if anchors.is_some_and(|(left, right)| left < offset && offset <= right) {
            secondary
        } else {
            primary
        };
        markers.push(c);
    }
    markers.push('\n');
    Some(markers)
}

/// For a segment that is a binary operation or a subscript, the character range to mark
/// with `^` (the operator, or the brackets' contents), as CPython's anchors.
fn anchors_of(segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::{Expr, Stmt};
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let body = &parsed.syntax().body;
    if body.len() != 1 {
        return None;
    }
    let Stmt::Expr(statement) = &body[0] else {
        return None;
    };
    let bytes = segment.as_bytes();
    let (left, right) = match &*statement.value {
        Expr::BinOp(b) => {
            let from = usize::from(ruff_text_size::Ranged::range(&*b.left).end());
            let to = usize::from(ruff_text_size::Ranged::range(&*b.right).start());
            let mut found = None;
            for i in from..to {
                if bytes[i].is_ascii_whitespace() || bytes[i] == b'(' || bytes[i] == b')' {
                    continue;
                }
                let mut r = i + 1;
                if r < to && !bytes[r].is_ascii_whitespace() {
                    r += 1;
                }
                found = Some((i, r));
                break;
            }
            found?
        }
        Expr::Subscript(s) => {
            let value_end = usize::from(ruff_text_size::Ranged::range(&*s.value).end());
            let slice_end = usize::from(ruff_text_size::Ranged::range(&*s.slice).end());
            (value_end, slice_end + 1)
        }
        _ => return None,
    };
    Some((char_offset(segment, left), char_offset(segment, right)))
}

/// The report of a SyntaxError object (its `filename`, `lineno`, `offset`, `text`,
/// `msg` attributes), as the compiler prints one.
fn syntax_error_report(e: Gc<PyException>) -> Option<String> {
    let get = |name: &str| -> Option<GcRef> {
        let key = pystr::intern(name).ok()?;
        crate::objects::instance::get_own(e.erase(), key)
            .ok()
            .flatten()
    };
    let message = get("msg")
        .filter(|m| m.is::<PyStr>())
        .map(pystr::to_string)?;
    let filename = get("filename")
        .filter(|m| m.is::<PyStr>())
        .map(pystr::to_string)
        .unwrap_or_else(|| "<string>".into());
    let int = |v: Option<GcRef>| {
        v.and_then(|v| v.downcast::<PyInt>())
            .map(|i| i.value() as usize)
    };
    let line = int(get("lineno")).unwrap_or(1);
    let column = int(get("offset")).unwrap_or(1);
    let end_line = int(get("end_lineno")).unwrap_or(line);
    let end_column = int(get("end_offset")).unwrap_or(column);
    let text = get("text")
        .filter(|t| t.is::<PyStr>())
        .map(pystr::to_string);
    let info = SyntaxErrorInfo {
        kind: "",
        message: message.clone(),
        filename,
        line,
        column,
        end_line,
        end_column,
        text,
    };
    let report = crate::syntax_error::report(&info);
    // `report` ends with `: message`; put the real class name in front.
    let body = report
        .strip_suffix(&format!(": {message}\n"))
        .unwrap_or(&report)
        .to_string();
    Some(format!("{body}{}: {message}\n", type_name(e.cls())))
}

/// A `SyntaxError` (or `IndentationError`, …) exception for a compile error.
pub fn syntax_error_exception(error: &SyntaxErrorInfo) -> Gc<PyException> {
    let index = match error.kind {
        "IndentationError" => T_INDENTATION_ERROR,
        "TabError" => T_TAB_ERROR,
        _ => T_SYNTAX_ERROR,
    };
    let build = || -> PyResult<Gc<PyException>> {
        let message = pystr::new_str(&error.message)?;
        let e = new_exception_args(index, &[message]);
        let set = |name: &str, value: GcRef| -> PyResult<()> {
            crate::objects::instance::set_own(e.erase(), pystr::intern(name)?, Some(value))?;
            Ok(())
        };
        set("msg", message)?;
        set("filename", pystr::new_str(&error.filename)?)?;
        set("lineno", new_int(error.line as i64)?)?;
        set("offset", new_int(error.column as i64)?)?;
        set("end_lineno", new_int(error.end_line as i64)?)?;
        set("end_offset", new_int(error.end_column as i64)?)?;
        let text = match &error.text {
            Some(t) => pystr::new_string(format!("{t}\n"))?,
            None => space::none(),
        };
        set("text", text)?;
        Ok(e)
    };
    build().unwrap_or_else(|e| e)
}
