//! Unicode character properties as CPython's `str` methods see them (`isalpha`,
//! `isdigit`, `isprintable`, `isidentifier`, …) and the case mappings Rust's standard
//! library lacks (titlecase, case folding). Rust's `is_uppercase`/`is_lowercase` and
//! full upper/lower mappings already match CPython's; the rest comes from tables
//! generated from CPython's Unicode database.

#[path = "str_unicode_tables.rs"]
mod tables;

use tables::*;

/// Whether `c` lies in one of a flat `[first, last, …]` range table.
fn in_ranges(table: &[u32], c: char) -> bool {
    let c = c as u32;
    // The number of ranges starting at or before `c`.
    let (mut lo, mut hi) = (0, table.len() / 2);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if table[2 * mid] <= c {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo > 0 && c <= table[2 * (lo - 1) + 1]
}

fn lookup(keys: &[u32], values: &'static [&'static str], c: char) -> Option<&'static str> {
    keys.binary_search(&(c as u32)).ok().map(|i| values[i])
}

pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(ALPHA, c)
}

pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(DECIMAL, c)
}

pub fn is_digit(c: char) -> bool {
    is_decimal(c) || (!c.is_ascii() && in_ranges(DIGIT, c))
}

pub fn is_numeric(c: char) -> bool {
    is_digit(c) || (!c.is_ascii() && in_ranges(NUMERIC, c))
}

pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_numeric(c)
}

/// CPython's whitespace: Unicode White_Space plus the ASCII separators U+001C..U+001F.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !in_ranges(NOT_PRINTABLE, c)
}

pub fn is_titlecase(c: char) -> bool {
    !c.is_ascii() && in_ranges(TITLECASE, c)
}

pub fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_ranges(XID_START, c)
}

pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(XID_CONTINUE, c)
}

/// The characters `str.splitlines` breaks at.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn push_upper(c: char, out: &mut String) {
    out.extend(c.to_uppercase());
}

/// The full titlecase mapping of `c`.
fn push_title(c: char, out: &mut String) {
    match lookup(TITLE_KEYS, TITLE_VALUES, c) {
        Some(mapped) => out.push_str(mapped),
        None => push_upper(c, out),
    }
}

/// Lowercasing one character at a time with the final-sigma rule, which needs the
/// context of the whole string: Rust's `str::to_lowercase` applies the same rule, so
/// the lowercased string tells, at each capital sigma, which form it takes.
struct Lowering {
    /// The lowercased text, only when it has a capital sigma.
    lowered: Option<String>,
    /// Where the current character's mapping starts in `lowered`.
    offset: usize,
}

impl Lowering {
    fn new(text: &str) -> Lowering {
        Lowering {
            lowered: text.contains('Σ').then(|| text.to_lowercase()),
            offset: 0,
        }
    }

    /// Append the lowercase of `c`, the next character of the text.
    fn push_lower(&self, c: char, out: &mut String) {
        match &self.lowered {
            Some(lowered) if c == 'Σ' => {
                let final_form = lowered[self.offset..].starts_with('ς');
                out.push(if final_form { 'ς' } else { 'σ' });
            }
            _ => out.extend(c.to_lowercase()),
        }
    }

    /// Move past `c` (called for every character, whatever was done with it).
    fn advance(&mut self, c: char) {
        if self.lowered.is_some() {
            self.offset += c.to_lowercase().map(char::len_utf8).sum::<usize>();
        }
    }
}

/// `str.title()`: titlecase after an uncased character, lowercase after a cased one.
pub fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lowering = Lowering::new(text);
    let mut previous_cased = false;
    for c in text.chars() {
        if previous_cased {
            lowering.push_lower(c, &mut out);
        } else {
            push_title(c, &mut out);
        }
        previous_cased = is_cased(c);
        lowering.advance(c);
    }
    out
}

/// `str.capitalize()`: the first character titlecased, the rest lowercased.
pub fn capitalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lowering = Lowering::new(text);
    for (i, c) in text.chars().enumerate() {
        if i == 0 {
            push_title(c, &mut out);
        } else {
            lowering.push_lower(c, &mut out);
        }
        lowering.advance(c);
    }
    out
}

pub fn swapcase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lowering = Lowering::new(text);
    for c in text.chars() {
        if c.is_uppercase() {
            lowering.push_lower(c, &mut out);
        } else if c.is_lowercase() {
            push_upper(c, &mut out);
        } else {
            out.push(c);
        }
        lowering.advance(c);
    }
    out
}

pub fn casefold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match lookup(CASEFOLD_KEYS, CASEFOLD_VALUES, c) {
            Some(folded) => out.push_str(folded),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `str.isupper()`: some cased character, and none lowercase or titlecase.
pub fn is_upper_text(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// `str.islower()`: some cased character, and none uppercase or titlecase.
pub fn is_lower_text(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_lowercase();
    }
    cased
}

/// `str.istitle()`: uppercase or titlecase characters only after uncased ones,
/// lowercase ones only after cased ones, and at least one cased character.
pub fn is_title_text(text: &str) -> bool {
    let mut cased = false;
    let mut previous_cased = false;
    for c in text.chars() {
        if c.is_uppercase() || is_titlecase(c) {
            if previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
}

pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if is_xid_start(first) => chars.all(is_xid_continue),
        _ => false,
    }
}
