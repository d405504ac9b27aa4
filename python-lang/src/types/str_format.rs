//! `str.format` and `str.format_map`, parsed as CPython's `unicode_format.h` does:
//! literal text with `{{`/`}}` escapes, replacement fields `{name.attr[key]!conv:spec}`
//! with automatic or manual numbering, and format specs that may themselves hold fields
//! (one level deep).
//!
//! The special characters are all ASCII, so the parser walks the UTF-8 bytes and slices
//! the text only at ASCII positions.

use ferrite::GcRef;

use crate::builtins::registry::Args;
use crate::objects::{new_int, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::ops;

/// How the fields of one format call are numbered: not yet known, `{}` (automatic) or
/// `{0}` (manual); mixing the two is an error.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Unknown,
    Automatic,
    Manual,
}

/// Where the field values come from: the call's arguments (the receiver first), or for
/// `format_map` a mapping.
pub enum Source<'a> {
    Arguments(&'a Args),
    Mapping(GcRef),
}

struct Formatter<'a> {
    source: Source<'a>,
    numbering: Numbering,
    next_index: usize,
}

/// A parsed replacement field: byte ranges into the format text.
struct Field {
    name: (usize, usize),
    conversion: Option<char>,
    spec: (usize, usize),
    spec_has_fields: bool,
}

/// Format `text` with the values of `source`.
pub fn format(text: &str, source: Source<'_>) -> PyResult<String> {
    let mut formatter = Formatter {
        source,
        numbering: Numbering::Unknown,
        next_index: 0,
    };
    let mut out = String::with_capacity(text.len() + 16);
    formatter.render(text, 2, &mut out)?;
    Ok(out)
}

/// The value of an all-digits field name part, None if it is not one.
fn integer(part: &str) -> PyResult<Option<usize>> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    match part.parse::<usize>() {
        Ok(n) if n <= i64::MAX as usize => Ok(Some(n)),
        _ => value_error("Too many decimal digits in format string"),
    }
}

impl Formatter<'_> {
    fn render(&mut self, text: &str, depth: i32, out: &mut String) -> PyResult<()> {
        if depth <= 0 {
            return value_error("Max string recursion exceeded");
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            let mut brace = None;
            while i < bytes.len() {
                let c = bytes[i];
                i += 1;
                if c == b'{' || c == b'}' {
                    brace = Some(c);
                    break;
                }
            }
            let at_end = i >= bytes.len();
            let mut literal_end = i;
            let mut markup = brace.is_some();
            if brace == Some(b'}') && (at_end || bytes[i] != b'}') {
                return value_error("Single '}' encountered in format string");
            }
            if at_end && brace == Some(b'{') {
                return value_error("Single '{' encountered in format string");
            }
            if let Some(c) = brace {
                if bytes[i] == c {
                    // An escaped brace: the literal keeps one of the two.
                    i += 1;
                    markup = false;
                } else {
                    literal_end -= 1;
                }
            }
            out.push_str(&text[start..literal_end]);
            if markup {
                let field = parse_field(text, &mut i)?;
                self.output_field(text, &field, depth, out)?;
            }
        }
        Ok(())
    }

    fn output_field(
        &mut self,
        text: &str,
        field: &Field,
        depth: i32,
        out: &mut String,
    ) -> PyResult<()> {
        let mut value = self.field_value(&text[field.name.0..field.name.1])?;
        if let Some(conversion) = field.conversion {
            value = match conversion {
                'r' => ops::repr(value)?,
                's' => ops::str_(value)?,
                'a' => crate::builtins::ascii_of(value)?,
                c if (c as u32) > 32 && (c as u32) < 127 => {
                    return value_error(format!("Unknown conversion specifier {c}"))
                }
                c => return value_error(format!("Unknown conversion specifier \\x{:x}", c as u32)),
            };
        }
        let spec_text = &text[field.spec.0..field.spec.1];
        let spec = if field.spec_has_fields {
            let mut expanded = String::new();
            self.render(spec_text, depth - 1, &mut expanded)?;
            pystr::new_string(expanded)?
        } else {
            pystr::new_str(spec_text)?
        };
        let result = crate::builtins::format::format(value, spec)?;
        pystr::with_str(result, |s| out.push_str(s));
        Ok(())
    }

    /// The object a field name designates: an argument, then its attributes and items.
    fn field_value(&mut self, name: &str) -> PyResult<GcRef> {
        let first_end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..first_end];
        let mut index = integer(first)?;
        if first.is_empty() || index.is_some() {
            let automatic = first.is_empty();
            if self.numbering == Numbering::Unknown {
                self.numbering = if automatic {
                    Numbering::Automatic
                } else {
                    Numbering::Manual
                };
            }
            if self.numbering == Numbering::Manual && automatic {
                return value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                );
            }
            if self.numbering == Numbering::Automatic && !automatic {
                return value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                );
            }
            if automatic {
                index = Some(self.next_index);
                self.next_index += 1;
            }
        }
        let mut value = match (index, &self.source) {
            (None, Source::Mapping(mapping)) => ops::getitem(*mapping, pystr::new_str(first)?)?,
            (None, Source::Arguments(args)) => match args.keyword(first) {
                Some(v) => v,
                None => return key_error(pystr::new_str(first)?),
            },
            (Some(_), Source::Mapping(_)) => {
                return value_error("Format string contains positional fields")
            }
            (Some(i), Source::Arguments(args)) => {
                if i + 1 >= args.len() {
                    return index_error(format!(
                        "Replacement index {i} out of range for positional args tuple"
                    ));
                }
                args.get(i + 1)
            }
        };
        let rest = &name.as_bytes()[first_end..];
        let mut i = 0;
        while i < rest.len() {
            let kind = rest[i];
            i += 1;
            let start = i;
            let part = match kind {
                b'.' => {
                    while i < rest.len() && rest[i] != b'.' && rest[i] != b'[' {
                        i += 1;
                    }
                    &name[first_end + start..first_end + i]
                }
                b'[' => {
                    while i < rest.len() && rest[i] != b']' {
                        i += 1;
                    }
                    if i >= rest.len() {
                        return value_error("Missing ']' in format string");
                    }
                    i += 1;
                    &name[first_end + start..first_end + i - 1]
                }
                _ => {
                    return value_error("Only '.' or '[' may follow ']' in format field specifier")
                }
            };
            if part.is_empty() {
                return value_error("Empty attribute in format string");
            }
            value = if kind == b'.' {
                ops::getattr(value, pystr::new_str(part)?)?
            } else {
                match integer(part)? {
                    Some(n) => ops::getitem(value, new_int(n as i64)?)?,
                    None => ops::getitem(value, pystr::new_str(part)?)?,
                }
            };
        }
        Ok(value)
    }
}

/// Parse a replacement field after its '{', leaving `i` after its '}'.
fn parse_field(text: &str, i: &mut usize) -> PyResult<Field> {
    let bytes = text.as_bytes();
    let name_start = *i;
    let mut c = 0u8;
    while *i < bytes.len() {
        c = bytes[*i];
        *i += 1;
        match c {
            b'{' => return value_error("unexpected '{' in field name"),
            b'[' => {
                while *i < bytes.len() && bytes[*i] != b']' {
                    *i += 1;
                }
                continue;
            }
            b'}' | b':' | b'!' => break,
            _ => continue,
        }
    }
    let mut field = Field {
        name: (name_start, (*i).saturating_sub(1).max(name_start)),
        conversion: None,
        spec: (*i, *i),
        spec_has_fields: false,
    };
    if c == b'!' || c == b':' {
        if c == b'!' {
            let Some(conversion) = text[*i..].chars().next() else {
                return value_error("end of string while looking for conversion specifier");
            };
            field.conversion = Some(conversion);
            *i += conversion.len_utf8();
            if *i < bytes.len() {
                let next = bytes[*i];
                *i += 1;
                if next == b'}' {
                    field.spec = (*i, *i);
                    return Ok(field);
                }
                if next != b':' {
                    return value_error("expected ':' after conversion specifier");
                }
            }
        }
        let spec_start = *i;
        let mut depth = 1;
        while *i < bytes.len() {
            let c = bytes[*i];
            *i += 1;
            if c == b'{' {
                field.spec_has_fields = true;
                depth += 1;
            } else if c == b'}' {
                depth -= 1;
                if depth == 0 {
                    field.spec = (spec_start, *i - 1);
                    return Ok(field);
                }
            }
        }
        return value_error("unmatched '{' in format spec");
    }
    if c != b'}' {
        return value_error("expected '}' before end of string");
    }
    Ok(field)
}
