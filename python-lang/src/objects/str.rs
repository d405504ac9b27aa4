//! `str`: UTF-8 text with its length in code points. Operations borrow the text through
//! `with_str` (the bytes never leave the heap object while a `&str` exists).

use ferrite::{Bytes, Gc, GcRef};

use crate::objects::alloc;
use crate::objects::layout::*;
use crate::runtime::errors::{type_error, PyResult};
use crate::runtime::space;

/// A new `str` (not interned).
pub fn new_str_uninterned(text: &str) -> PyResult<GcRef> {
    let length = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    from_utf8_of_length(text.as_bytes(), length as i64)
}

/// A new `str` of `bytes`, which are valid UTF-8 of `length` characters (the caller
/// knows both without looking at the bytes).
fn from_utf8_of_length(bytes: &[u8], length: i64) -> PyResult<GcRef> {
    let utf8 = Bytes::new(bytes).map_err(|_| space::memory_error())?;
    Ok(alloc(PyStr {
        utf8,
        length,
        hash: -1,
        interned: false,
    })?
    .erase())
}

/// A new `str`; single characters and the empty string come from the interned table.
pub fn new_str(text: &str) -> PyResult<GcRef> {
    if let [code] = text.as_bytes() {
        return Ok(space::ascii_char(*code));
    }
    if text.is_empty() {
        return intern(text);
    }
    new_str_uninterned(text)
}

pub fn new_string(text: String) -> PyResult<GcRef> {
    new_str(&text)
}

/// The interned `str` with this text (created on first use).
pub fn intern(text: &str) -> PyResult<GcRef> {
    if let Some(s) = space::interned(text) {
        return Ok(s);
    }
    let s = new_str_uninterned(text)?;
    space::add_interned(text, s);
    Ok(s)
}

pub fn as_str(object: GcRef) -> Option<Gc<PyStr>> {
    match object.downcast::<PyStr>() {
        Some(s) => Some(s),
        None => object
            .downcast::<PyInstance>()
            .and_then(|i| i.base())
            .and_then(|b| b.downcast::<PyStr>()),
    }
}

/// Run `f` on the text of a `str` object (or of a str subclass instance).
pub fn with_str<R>(object: GcRef, f: impl FnOnce(&str) -> R) -> R {
    let s = as_str(object).expect("a str");
    s.utf8()
        .with_bytes(|bytes| f(std::str::from_utf8(bytes).expect("str objects hold UTF-8")))
}

pub fn to_string(object: GcRef) -> String {
    with_str(object, str::to_string)
}

/// Whether `object` is a str equal to `text`.
pub fn eq_text(object: GcRef, text: &str) -> bool {
    match as_str(object) {
        Some(s) => s.utf8().with_bytes(|b| b == text.as_bytes()),
        None => false,
    }
}

/// Equality of two str objects.
pub fn eq(a: Gc<PyStr>, b: Gc<PyStr>) -> bool {
    if a == b {
        return true;
    }
    if a.length() != b.length() {
        return false;
    }
    let (ha, hb) = (a.hash(), b.hash());
    if ha != -1 && hb != -1 && ha != hb {
        return false;
    }
    a.utf8().with_bytes(|x| b.utf8().with_bytes(|y| x == y))
}

/// The hash, cached in the object. (CPython randomizes str hashes; any good hash does.)
pub fn hash(s: Gc<PyStr>) -> i64 {
    let cached = s.hash();
    if cached != -1 {
        return cached;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    s.utf8().with_bytes(|bytes| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    });
    let mut value = (h >> 1) as i64;
    if value == -1 {
        value = -2;
    }
    s.set_hash(value);
    value
}

pub fn len(s: Gc<PyStr>) -> i64 {
    s.length()
}

/// `repr()` of a string: quotes chosen as CPython does, escapes for non-printables.
pub fn repr_text(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let code = c as u32;
                if code < 0x100 {
                    out.push_str(&format!("\\x{code:02x}"));
                } else if code < 0x10000 {
                    out.push_str(&format!("\\u{code:04x}"));
                } else {
                    out.push_str(&format!("\\U{code:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `str.isprintable` for one character (an approximation of the Unicode
/// categories CPython excludes: controls, separators other than space, unassigned).
pub fn is_printable(c: char) -> bool {
    let code = c as u32;
    if code < 0x20 || code == 0x7f {
        return false;
    }
    if (0x80..0xa0).contains(&code) || code == 0xad {
        return false;
    }
    if c == ' ' {
        return true;
    }
    if c.is_whitespace() {
        return false;
    }
    !matches!(code, 0x2028 | 0x2029 | 0xd800..=0xdfff | 0xe000..=0xf8ff | 0xfff0..=0xfffb | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfeff)
}

/// The code point at index `i` (0 <= i < len).
pub fn char_at(s: Gc<PyStr>, i: usize) -> char {
    s.utf8().with_bytes(|bytes| {
        if s.length() as usize == bytes.len() {
            bytes[i] as char
        } else {
            std::str::from_utf8(bytes)
                .expect("UTF-8")
                .chars()
                .nth(i)
                .expect("index in range")
        }
    })
}

/// A one-character string.
pub fn from_char(c: char) -> PyResult<GcRef> {
    let mut buffer = [0u8; 4];
    new_str(c.encode_utf8(&mut buffer))
}

/// `s[i]` with a normalized index.
pub fn item(s: Gc<PyStr>, i: usize) -> PyResult<GcRef> {
    from_char(char_at(s, i))
}

pub fn concat(a: GcRef, b: GcRef) -> PyResult<GcRef> {
    let (x, y) = (as_str(a).expect("a str"), as_str(b).expect("a str"));
    let length = x.length() + y.length();
    let joined = x
        .utf8()
        .with_bytes(|x| y.utf8().with_bytes(|y| [x, y].concat()));
    if length <= 1 {
        // The empty string and single characters are shared objects.
        return new_str(std::str::from_utf8(&joined).expect("str objects hold UTF-8"));
    }
    // Two strs' bytes joined are valid UTF-8 of their lengths added: no validation or
    // counting of the result.
    from_utf8_of_length(&joined, length)
}

pub fn repeat(a: GcRef, n: i64) -> PyResult<GcRef> {
    if n <= 0 {
        return new_str("");
    }
    let len = with_str(a, |x| x.len());
    if (len as u128) * (n as u128) > (1u128 << 34) {
        return Err(space::memory_error());
    }
    new_string(with_str(a, |x| x.repeat(n as usize)))
}

/// Compare as Python does (code point order, which UTF-8 byte order preserves).
pub fn compare(a: Gc<PyStr>, b: Gc<PyStr>) -> std::cmp::Ordering {
    a.utf8().with_bytes(|x| b.utf8().with_bytes(|y| x.cmp(y)))
}

pub fn contains(haystack: GcRef, needle: GcRef) -> PyResult<bool> {
    if as_str(needle).is_none() {
        return type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            crate::objects::typeobject::type_name_of(needle)
        ));
    }
    Ok(with_str(haystack, |h| with_str(needle, |n| h.contains(n))))
}

/// The substring of code points `start..stop` by `step` (already clamped).
pub fn slice(s: GcRef, start: i64, stop: i64, step: i64, length: i64) -> PyResult<GcRef> {
    let text = with_str(s, |t| {
        let ascii = t.len() as i64 == as_str(s).map_or(0, |p| p.length());
        if step == 1 {
            if start >= stop {
                return String::new();
            }
            if ascii {
                return t[start as usize..stop as usize].to_string();
            }
            return t
                .chars()
                .skip(start as usize)
                .take((stop - start) as usize)
                .collect();
        }
        let chars: Vec<char> = t.chars().collect();
        let mut out = String::new();
        let mut i = start;
        for _ in 0..length {
            out.push(chars[i as usize]);
            i += step;
        }
        out
    });
    new_string(text)
}
