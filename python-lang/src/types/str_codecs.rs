//! The text codecs behind `str.encode`, `bytes.decode` and `str(bytes, encoding)`:
//! UTF-8 (and -sig), ASCII, Latin-1, cp1252, UTF-16 and UTF-32, with CPython's error
//! handlers and `UnicodeEncodeError`/`UnicodeDecodeError` (whose attributes and message
//! this module also provides, as CPython's exceptions module does).
//!
//! Strings cannot hold lone surrogates here (they are UTF-8), so `surrogateescape` and
//! `surrogatepass` act as `strict`.

use ferrite::GcRef;

use crate::builtins::registry::{method, property, Args, NativeDef};
use crate::objects::bytes::new_bytes;
use crate::objects::{new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// UTF-16/32 without a suffix: a byte order mark, then little-endian.
    Marked,
    Little,
    Big,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Utf8Sig,
    Ascii,
    Latin1,
    Cp1252,
    Utf16(Order),
    Utf32(Order),
}

/// Find a codec as `codecs.lookup` does: lowercase, with runs of punctuation and spaces
/// as one underscore, then the aliases of the `encodings` package.
fn lookup_codec(name: &str) -> PyResult<Codec> {
    let mut normal = String::with_capacity(name.len());
    let mut pending_underscore = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if pending_underscore && !normal.is_empty() {
                normal.push('_');
            }
            pending_underscore = false;
            normal.push(c.to_ascii_lowercase());
        } else {
            pending_underscore = true;
        }
    }
    let codec = match normal.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "utf_8_sig" | "utf8_sig" => Codec::Utf8Sig,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" => Codec::Ascii,
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819"
        | "iso_ir_100" => Codec::Latin1,
        "cp1252" | "windows_1252" | "1252" => Codec::Cp1252,
        "utf_16" | "utf16" | "u16" => Codec::Utf16(Order::Marked),
        "utf_16_le" | "utf_16le" | "utf16le" => Codec::Utf16(Order::Little),
        "utf_16_be" | "utf_16be" | "utf16be" => Codec::Utf16(Order::Big),
        "utf_32" | "utf32" | "u32" => Codec::Utf32(Order::Marked),
        "utf_32_le" | "utf_32le" | "utf32le" => Codec::Utf32(Order::Little),
        "utf_32_be" | "utf_32be" | "utf32be" => Codec::Utf32(Order::Big),
        _ => return raise(T_LOOKUP_ERROR, format!("unknown encoding: {name}")),
    };
    Ok(codec)
}

/// The canonical name of the codec `name` stands for (`utf-8`, `utf-16-le`, …; every
/// name here is accepted by `encode` and `decode`), or LookupError as `codecs.lookup`.
pub fn canonical_name(name: &str) -> PyResult<&'static str> {
    Ok(match lookup_codec(name)? {
        Codec::Utf8 => "utf-8",
        Codec::Utf8Sig => "utf-8-sig",
        Codec::Ascii => "ascii",
        Codec::Latin1 => "latin-1",
        Codec::Cp1252 => "cp1252",
        Codec::Utf16(Order::Marked) => "utf-16",
        Codec::Utf16(Order::Little) => "utf-16-le",
        Codec::Utf16(Order::Big) => "utf-16-be",
        Codec::Utf32(Order::Marked) => "utf-32",
        Codec::Utf32(Order::Little) => "utf-32-le",
        Codec::Utf32(Order::Big) => "utf-32-be",
    })
}

/// The error handlers this module knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
}

/// The handler named `errors`, looked up only when an error happens (as CPython does,
/// so an unknown name goes unnoticed on clean data).
fn handler(errors: &str) -> PyResult<Handler> {
    Ok(match errors {
        "strict" | "surrogateescape" | "surrogatepass" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        _ => {
            return raise(
                T_LOOKUP_ERROR,
                format!("unknown error handler name '{errors}'"),
            )
        }
    })
}

fn cp1252_high(b: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
        0x152, 0, 0x17d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
        0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178,
    ];
    match b {
        0x80..=0x9f => match HIGH[(b - 0x80) as usize] {
            0 => None,
            code => char::from_u32(code as u32),
        },
        _ => Some(b as char),
    }
}

/// The single byte a one-byte codec gives `c`, if it can.
fn encode_byte(codec: Codec, c: char) -> Option<u8> {
    let code = c as u32;
    match codec {
        Codec::Ascii => (code < 0x80).then_some(code as u8),
        Codec::Latin1 => (code < 0x100).then_some(code as u8),
        _ => {
            if code < 0x80 || (0xa0..0x100).contains(&code) {
                return Some(code as u8);
            }
            (0x80u8..=0x9f).find(|&b| cp1252_high(b) == Some(c))
        }
    }
}

fn unicode_error(
    index: usize,
    encoding: &str,
    object: GcRef,
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<GcRef> {
    let values = [
        pystr::new_str(encoding)?,
        object,
        new_int(start as i64)?,
        new_int(end as i64)?,
        pystr::new_str(reason)?,
    ];
    Err(new_exception_args(index, &values))
}

/// `text.encode(encoding, errors)`; `object` is the str (for the exception).
pub fn encode(object: GcRef, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup_codec(encoding)?;
    let mut out = Vec::with_capacity(text.len());
    match codec {
        Codec::Utf8 => out.extend_from_slice(text.as_bytes()),
        Codec::Utf8Sig => {
            out.extend_from_slice(b"\xef\xbb\xbf");
            out.extend_from_slice(text.as_bytes());
        }
        Codec::Utf16(order) => {
            let big = order == Order::Big;
            if order == Order::Marked {
                out.extend_from_slice(&[0xff, 0xfe]);
            }
            let mut units = [0u16; 2];
            for c in text.chars() {
                for unit in c.encode_utf16(&mut units).iter() {
                    out.extend_from_slice(&if big {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    });
                }
            }
        }
        Codec::Utf32(order) => {
            let big = order == Order::Big;
            if order == Order::Marked {
                out.extend_from_slice(&[0xff, 0xfe, 0, 0]);
            }
            for c in text.chars() {
                let code = c as u32;
                out.extend_from_slice(&if big {
                    code.to_be_bytes()
                } else {
                    code.to_le_bytes()
                });
            }
        }
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => {
            let (name, reason) = match codec {
                Codec::Ascii => ("ascii", "ordinal not in range(128)"),
                Codec::Latin1 => ("latin-1", "ordinal not in range(256)"),
                _ => ("charmap", "character maps to <undefined>"),
            };
            let chars: Vec<char> = text.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if let Some(b) = encode_byte(codec, chars[i]) {
                    out.push(b);
                    i += 1;
                    continue;
                }
                // The run of characters the codec cannot encode is one error.
                let mut end = i + 1;
                while end < chars.len() && encode_byte(codec, chars[end]).is_none() {
                    end += 1;
                }
                match handler(errors)? {
                    Handler::Strict => {
                        unicode_error(T_UNICODE_ENCODE_ERROR, name, object, i, end, reason)?;
                    }
                    Handler::Ignore => {}
                    Handler::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
                    Handler::BackslashReplace => {
                        for &c in &chars[i..end] {
                            out.extend_from_slice(escape_char(c).as_bytes());
                        }
                    }
                    Handler::XmlCharRefReplace => {
                        for &c in &chars[i..end] {
                            out.extend_from_slice(format!("&#{};", c as u32).as_bytes());
                        }
                    }
                }
                i = end;
            }
        }
    }
    Ok(out)
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN` for a character.
fn escape_char(c: char) -> String {
    let code = c as u32;
    if code < 0x100 {
        format!("\\x{code:02x}")
    } else if code < 0x10000 {
        format!("\\u{code:04x}")
    } else {
        format!("\\U{code:08x}")
    }
}

/// A decoding error at bytes `start..end`: raise it or append the handler's text.
fn decode_error(
    data: &[u8],
    errors: &str,
    name: &str,
    (start, end): (usize, usize),
    reason: &str,
    out: &mut String,
) -> PyResult<()> {
    match handler(errors)? {
        Handler::Strict => {
            let object = new_bytes(data)?;
            unicode_error(T_UNICODE_DECODE_ERROR, name, object, start, end, reason)?;
        }
        Handler::Ignore => {}
        Handler::Replace => out.push('\u{fffd}'),
        Handler::BackslashReplace => {
            for b in &data[start..end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        Handler::XmlCharRefReplace => {
            return type_error("don't know how to handle UnicodeDecodeError in error callback")
        }
    }
    Ok(())
}

fn decode_utf8(data: &[u8], errors: &str, out: &mut String) -> PyResult<()> {
    let mut rest = data;
    let mut offset = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                return Ok(());
            }
            Err(e) => {
                let valid = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..valid]).expect("valid prefix"));
                let start = offset + valid;
                let (end, reason) = match e.error_len() {
                    None => (data.len(), "unexpected end of data"),
                    Some(n) => {
                        let lead = rest[valid];
                        let reason = if (0xc2..=0xf4).contains(&lead) {
                            "invalid continuation byte"
                        } else {
                            "invalid start byte"
                        };
                        (start + n, reason)
                    }
                };
                decode_error(data, errors, "utf-8", (start, end), reason, out)?;
                offset = end;
                rest = &data[end..];
            }
        }
    }
}

fn decode_utf16(data: &[u8], order: Order, errors: &str, out: &mut String) -> PyResult<()> {
    let (mut big, mut i) = (order == Order::Big, 0);
    if order == Order::Marked && data.len() >= 2 {
        match (data[0], data[1]) {
            (0xff, 0xfe) => i = 2,
            (0xfe, 0xff) => (big, i) = (true, 2),
            _ => {}
        }
    }
    let name = if big { "utf-16-be" } else { "utf-16-le" };
    let unit = |at: usize| {
        let pair = [data[at], data[at + 1]];
        if big {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    while i < data.len() {
        if i + 1 >= data.len() {
            return decode_error(data, errors, name, (i, data.len()), "truncated data", out);
        }
        let first = unit(i);
        if !(0xd800..0xe000).contains(&first) {
            out.push(char::from_u32(first as u32).expect("not a surrogate"));
            i += 2;
            continue;
        }
        if first >= 0xdc00 {
            decode_error(data, errors, name, (i, i + 2), "illegal encoding", out)?;
            i += 2;
            continue;
        }
        if i + 3 >= data.len() {
            return decode_error(
                data,
                errors,
                name,
                (i, data.len()),
                "unexpected end of data",
                out,
            );
        }
        let second = unit(i + 2);
        if !(0xdc00..0xe000).contains(&second) {
            decode_error(
                data,
                errors,
                name,
                (i, i + 2),
                "illegal UTF-16 surrogate",
                out,
            )?;
            i += 2;
            continue;
        }
        let code = 0x10000 + (((first as u32) - 0xd800) << 10) + ((second as u32) - 0xdc00);
        out.push(char::from_u32(code).expect("a supplementary character"));
        i += 4;
    }
    Ok(())
}

fn decode_utf32(data: &[u8], order: Order, errors: &str, out: &mut String) -> PyResult<()> {
    let (mut big, mut i) = (order == Order::Big, 0);
    if order == Order::Marked && data.len() >= 4 {
        match data[..4] {
            [0xff, 0xfe, 0, 0] => i = 4,
            [0, 0, 0xfe, 0xff] => (big, i) = (true, 4),
            _ => {}
        }
    }
    let name = if big { "utf-32-be" } else { "utf-32-le" };
    while i < data.len() {
        if i + 3 >= data.len() {
            return decode_error(data, errors, name, (i, data.len()), "truncated data", out);
        }
        let word = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        let code = if big {
            u32::from_be_bytes(word)
        } else {
            u32::from_le_bytes(word)
        };
        match char::from_u32(code) {
            Some(c) => out.push(c),
            None => {
                let reason = if (0xd800..0xe000).contains(&code) {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                } else {
                    "code point not in range(0x110000)"
                };
                decode_error(data, errors, name, (i, i + 4), reason, out)?;
            }
        }
        i += 4;
    }
    Ok(())
}

/// `data.decode(encoding, errors)`.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = lookup_codec(encoding)?;
    let mut out = String::with_capacity(data.len());
    match codec {
        Codec::Utf8 => decode_utf8(data, errors, &mut out)?,
        Codec::Utf8Sig => {
            let body = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
            decode_utf8(body, errors, &mut out)?;
        }
        Codec::Latin1 => out.extend(data.iter().map(|&b| b as char)),
        Codec::Ascii | Codec::Cp1252 => {
            let (name, reason) = match codec {
                Codec::Ascii => ("ascii", "ordinal not in range(128)"),
                _ => ("charmap", "character maps to <undefined>"),
            };
            for (i, &b) in data.iter().enumerate() {
                let c = match codec {
                    Codec::Ascii => (b < 0x80).then_some(b as char),
                    _ => cp1252_high(b),
                };
                match c {
                    Some(c) => out.push(c),
                    None => decode_error(data, errors, name, (i, i + 1), reason, &mut out)?,
                }
            }
        }
        Codec::Utf16(order) => decode_utf16(data, order, errors, &mut out)?,
        Codec::Utf32(order) => decode_utf32(data, order, errors, &mut out)?,
    }
    Ok(out)
}

// ---- UnicodeEncodeError and UnicodeDecodeError ----------------------------------------

pub fn methods() -> Vec<NativeDef> {
    let mut defs = Vec::new();
    for t in [T_UNICODE_ENCODE_ERROR, T_UNICODE_DECODE_ERROR] {
        defs.push(method(t, "__str__", unicode_error_str));
        defs.push(property(t, "encoding", error_encoding, None));
        defs.push(property(t, "object", error_object, None));
        defs.push(property(t, "start", error_start, None));
        defs.push(property(t, "end", error_end, None));
        defs.push(property(t, "reason", error_reason, None));
    }
    defs
}

/// The five arguments (encoding, object, start, end, reason), if the exception has them.
fn error_args(object: GcRef) -> Option<GcRef> {
    let e = object.downcast::<crate::objects::layout::PyException>()?;
    let args = e.args();
    (tuple::len(args) == 5).then_some(args)
}

fn error_field(args: &Args, index: usize) -> PyResult<GcRef> {
    Ok(error_args(args.get(0)).map_or_else(crate::objects::none, |a| tuple::get(a, index)))
}

fn error_encoding(args: &Args) -> PyResult<GcRef> {
    error_field(args, 0)
}

fn error_object(args: &Args) -> PyResult<GcRef> {
    error_field(args, 1)
}

fn error_start(args: &Args) -> PyResult<GcRef> {
    error_field(args, 2)
}

fn error_end(args: &Args) -> PyResult<GcRef> {
    error_field(args, 3)
}

fn error_reason(args: &Args) -> PyResult<GcRef> {
    error_field(args, 4)
}

/// CPython's message: one bad character or byte is shown, a range is given by position.
fn unicode_error_str(args: &Args) -> PyResult<GcRef> {
    let exception = args.get(0);
    let Some(values) = error_args(exception) else {
        let e = exception
            .downcast::<crate::objects::layout::PyException>()
            .expect("an exception");
        return pystr::new_string(crate::objects::exception::exception_str(e)?);
    };
    let encoding = ops::str_string(tuple::get(values, 0))?;
    let object = tuple::get(values, 1);
    let start = ops::index_value(tuple::get(values, 2))?;
    let end = ops::index_value(tuple::get(values, 3))?;
    let reason = ops::str_string(tuple::get(values, 4))?;
    let single = end == start + 1 && start >= 0;
    let text = if let Some(s) = pystr::as_str(object) {
        if single && start < s.length() {
            let c = pystr::char_at(s, start as usize);
            let shown = escape_char(c);
            format!(
                "'{encoding}' codec can't encode character '{shown}' in position {start}: {reason}"
            )
        } else {
            format!(
                "'{encoding}' codec can't encode characters in position {start}-{}: {reason}",
                end - 1
            )
        }
    } else {
        let data = crate::objects::bytes::bytes_of(object).unwrap_or_default();
        if single && (start as usize) < data.len() {
            let byte = data[start as usize];
            format!(
                "'{encoding}' codec can't decode byte 0x{byte:02x} in position {start}: {reason}"
            )
        } else {
            format!(
                "'{encoding}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            )
        }
    };
    pystr::new_string(text)
}
