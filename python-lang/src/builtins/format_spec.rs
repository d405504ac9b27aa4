//! CPython 3.11's text formatting of int, float and str values: the format
//! specification mini-language behind `format()`, `str.format` and f-strings,
//! and the printf-style conversions behind `str % args`.
//!
//! Everything here is pure.  Callers convert Python objects to `BigInt`, `f64`
//! or `&str` first and turn an `Err(message)` into the exception CPython
//! raises: a `ValueError`, except for the messages [`is_overflow_error`]
//! recognises.  Widths and precisions count code points, as CPython's do.
//!
//! Not covered: locales ('n' formats as in the C locale, without grouping),
//! non-ASCII decimal digits in widths and precisions, and `%c` of a
//! surrogate code point (a Rust `String` cannot hold one).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

/// `Py_ssize_t`'s maximum, which bounds widths.
const SSIZE_MAX: usize = isize::MAX as usize;
/// C `int`'s maximum, which bounds float and printf precisions.
const INT_MAX: usize = i32::MAX as usize;

const BOTH_SEPARATORS: &str = "Cannot specify both ',' and '_'.";
const TOO_MANY_DIGITS: &str = "Too many decimal digits in format string";
const CHAR_RANGE: &str = "%c arg not in range(0x110000)";
const INT_TOO_LARGE_FOR_FLOAT: &str = "int too large to convert to float";
const INT_TOO_LARGE_FOR_LONG: &str = "Python int too large to convert to C long";

/// Whether CPython raises `OverflowError` (rather than `ValueError`) for an
/// error message returned by this module.
pub fn is_overflow_error(message: &str) -> bool {
    [CHAR_RANGE, INT_TOO_LARGE_FOR_FLOAT, INT_TOO_LARGE_FOR_LONG].contains(&message)
}

// --- The format specification mini-language ---

/// A parsed `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The padding character: the one given before the alignment, else '0'
    /// with the `0` flag, else ' '.
    pub fill: char,
    /// '<', '>', '^' or '=' when given; each type has its own default.
    pub align: Option<char>,
    /// '+', '-' or ' ' when given.
    pub sign: Option<char>,
    /// The `z` flag: render a negative zero (after rounding) without its sign.
    pub no_neg_zero: bool,
    /// The `#` flag.
    pub alternate: bool,
    /// The `0` flag, only recognised when no fill character was given.
    pub zero: bool,
    pub width: Option<usize>,
    /// ',' or '_' when given.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    /// The presentation type when given; each type has its own default.
    pub kind: Option<char>,
}

impl FormatSpec {
    /// Numbers align right by default, or put zero padding after the sign.
    fn number_align(&self) -> char {
        self.align.unwrap_or(if self.zero { '=' } else { '>' })
    }
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '^' | '=')
}

/// Parses a format spec.  `type_name` names the formatted object's type in
/// the "Invalid format specifier" message, as CPython's does.
///
/// Whether a grouping option suits the presentation type depends on the
/// type's default presentation, so the `format_*` functions check that.
pub fn parse(spec: &str, type_name: &str) -> Result<FormatSpec, String> {
    let mut cur = Cursor::new(spec);
    // A fill character is only recognised in front of an alignment.
    let fill_given = spec.chars().nth(1).is_some_and(is_align);
    let mut fill = if fill_given { cur.bump() } else { None }.unwrap_or(' ');
    let align = cur.eat_if(is_align);
    let sign = cur.eat_if(|c| matches!(c, '+' | '-' | ' '));
    let no_neg_zero = cur.eat('z');
    let alternate = cur.eat('#');
    // After an explicit fill, a '0' is simply the start of the width.
    let zero = !fill_given && cur.eat('0');
    if zero {
        fill = '0';
    }
    let width = cur.count(SSIZE_MAX, TOO_MANY_DIGITS)?;
    let mut grouping = cur.eat_if(|c| c == ',');
    if cur.eat('_') {
        if grouping.is_some() {
            return Err(BOTH_SEPARATORS.into());
        }
        grouping = Some('_');
    }
    if grouping == Some('_') && cur.peek() == Some(',') {
        return Err(BOTH_SEPARATORS.into());
    }
    let precision = if cur.eat('.') {
        let precision = cur.count(SSIZE_MAX, TOO_MANY_DIGITS)?;
        Some(precision.ok_or("Format specifier missing precision")?)
    } else {
        None
    };
    let kind = cur.bump();
    if cur.peek().is_some() {
        return Err(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        ));
    }
    Ok(FormatSpec {
        fill,
        align,
        sign,
        no_neg_zero,
        alternate,
        zero,
        width,
        grouping,
        precision,
        kind,
    })
}

/// A position in a format string, in bytes (for slicing) and in code points
/// (for CPython's error messages).
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    index: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            text,
            pos: 0,
            index: 0,
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        self.index += 1;
        Some(c)
    }

    /// Consumes the next character if it is `wanted`.
    fn eat_if(&mut self, wanted: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|&c| wanted(c))?;
        self.bump();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        self.eat_if(|next| next == c).is_some()
    }

    /// Consumes `text`, which must be what follows.
    fn skip(&mut self, text: &str) {
        self.pos += text.len();
        self.index += text.chars().count();
    }

    /// A run of ASCII digits (`None` when there are none), at most `max`.
    fn count(&mut self, max: usize, too_big: &str) -> Result<Option<usize>, String> {
        let mut value = None;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            let next = value
                .unwrap_or(0usize)
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit as usize));
            value = Some(next.filter(|v| *v <= max).ok_or(too_big)?);
            self.bump();
        }
        Ok(value)
    }
}

/// A presentation type as CPython quotes it in messages: printable ASCII as
/// itself, anything else as a `\x` escape.
fn quote_code(kind: char) -> String {
    if (33..128).contains(&u32::from(kind)) {
        format!("'{kind}'")
    } else {
        format!("'\\x{:x}'", u32::from(kind))
    }
}

fn unknown_code(kind: char, type_name: &str) -> String {
    format!(
        "Unknown format code {} for object of type '{type_name}'",
        quote_code(kind)
    )
}

/// The separator and group size a spec asks for, given its presentation type
/// (`None` for a float's default type), or CPython's error when the two
/// do not go together.
fn grouping_for(spec: &FormatSpec, kind: Option<char>) -> Result<Option<(char, usize)>, String> {
    let Some(separator) = spec.grouping else {
        return Ok(None);
    };
    match kind {
        None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => Ok(Some((separator, 3))),
        // Binary, octal and hex digits group in fours (PEP 515), and only with '_'.
        Some('b' | 'o' | 'x' | 'X') if separator == '_' => Ok(Some(('_', 4))),
        Some(other) => Err(format!(
            "Cannot specify '{separator}' with {}.",
            quote_code(other)
        )),
    }
}

// --- Laying out numbers ---

/// A rendered number in the pieces CPython pads and groups separately:
/// `[sign][prefix][digits][tail]`, where only `digits` is grouped and
/// `tail` is any decimal point, fraction, exponent or '%'.
struct Number<'a> {
    negative: bool,
    prefix: &'a str,
    digits: &'a str,
    tail: &'a str,
}

impl<'a> Number<'a> {
    /// Splits a rendered float: its leading digit run is the part to group
    /// (none in "inf").
    fn split_float(text: &'a str) -> Self {
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (digits, tail) = rest.split_at(rest.bytes().take_while(u8::is_ascii_digit).count());
        Number {
            negative,
            prefix: "",
            digits,
            tail,
        }
    }
}

/// Pads and groups a number as CPython's `calc_number_widths` and
/// `fill_number` do.
fn layout_number(number: &Number, spec: &FormatSpec, grouping: Option<(char, usize)>) -> String {
    let sign = match (number.negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some(sign @ ('+' | ' '))) => Some(sign),
        _ => None,
    };
    let align = spec.number_align();
    let width = spec.width.unwrap_or(0);
    let fixed = usize::from(sign.is_some()) + number.prefix.len() + number.tail.chars().count();
    // Zero padding after the sign counts as leading digits, so it is grouped
    // with them: format(1234, '010,d') is '00,001,234'.
    let min_digits = if spec.fill == '0' && align == '=' {
        width.saturating_sub(fixed)
    } else {
        0
    };
    let grouped = group_digits(number.digits, grouping, min_digits);
    let padding = width.saturating_sub(fixed + grouped.len());
    let (left, middle, right) = match align {
        '<' => (0, 0, padding),
        '^' => (padding / 2, 0, padding - padding / 2),
        '=' => (0, padding, 0),
        _ => (padding, 0, 0),
    };
    let mut out = String::with_capacity(width.max(fixed + grouped.len()) + 4);
    push_repeated(&mut out, spec.fill, left);
    out.extend(sign);
    out.push_str(number.prefix);
    push_repeated(&mut out, spec.fill, middle);
    out.push_str(&grouped);
    out.push_str(number.tail);
    push_repeated(&mut out, spec.fill, right);
    out
}

/// Inserts separators into ASCII `digits` and left-pads them with zeros to
/// at least `min_width` characters, as `_PyUnicode_InsertThousandsGrouping`
/// does: groups are filled from the right, zeros pad the leftmost groups, and
/// the result never starts with a separator, so it may exceed `min_width`.
/// No digits (as for the 'c' presentation) stay none.
fn group_digits(digits: &str, grouping: Option<(char, usize)>, min_width: usize) -> String {
    if digits.is_empty() {
        return String::new();
    }
    let digits = digits.as_bytes();
    let mut remaining = digits.len();
    let mut min_width = min_width as isize;
    let mut reversed: Vec<u8> = Vec::with_capacity(digits.len() * 2);
    let (separator, size) =
        grouping.map_or((None, usize::MAX), |(sep, size)| (Some(sep as u8), size));
    loop {
        let wanted = remaining.max(min_width.max(1) as usize);
        let len = size.min(wanted);
        let taken = remaining.min(len);
        reversed.extend(digits[remaining - taken..remaining].iter().rev());
        reversed.extend(std::iter::repeat_n(b'0', len - taken));
        remaining -= taken;
        min_width -= len as isize;
        // Ungrouped digits are a single group.
        let Some(separator) = separator.filter(|_| remaining > 0 || min_width > 0) else {
            break;
        };
        reversed.push(separator);
        min_width -= 1;
    }
    reversed.iter().rev().map(|&b| b as char).collect()
}

fn push_repeated(out: &mut String, c: char, count: usize) {
    out.extend(std::iter::repeat_n(c, count));
}

/// Pads `text` to `width` code points (CPython's `calc_padding`).
fn pad(text: &str, width: Option<usize>, align: char, fill: char) -> String {
    let len = text.chars().count();
    let padding = width.unwrap_or(0).saturating_sub(len);
    let left = match align {
        '>' => padding,
        '^' => padding / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(text.len() + padding * fill.len_utf8());
    push_repeated(&mut out, fill, left);
    out.push_str(text);
    push_repeated(&mut out, fill, padding - left);
    out
}

// --- int.__format__ ---

/// `format(value, spec)` for an int whose type is named `type_name`.
///
/// The caller handles an empty spec, which CPython turns into `str(value)`
/// (so `format(True, '')` is 'True').
pub fn format_int(value: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let kind = spec.kind.unwrap_or('d');
    let grouping = grouping_for(spec, Some(kind))?;
    match kind {
        'c' => {
            check_integer_spec(spec)?;
            format_int_as_char(value, spec)
        }
        'b' | 'd' | 'n' | 'o' | 'x' | 'X' => {
            check_integer_spec(spec)?;
            Ok(format_int_digits(value, spec, kind, grouping))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = value
                .to_f64()
                .filter(|x| x.is_finite())
                .ok_or(INT_TOO_LARGE_FOR_FLOAT)?;
            render_float(x, spec, grouping)
        }
        _ => Err(unknown_code(kind, type_name)),
    }
}

/// The options integer presentations reject, in CPython's order.
fn check_integer_spec(spec: &FormatSpec) -> Result<(), String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".into());
    }
    if spec.no_neg_zero {
        return Err("Negative zero coercion (z) not allowed in integer format specifier".into());
    }
    Ok(())
}

/// The 'c' presentation: the character with code point `value`.
fn format_int_as_char(value: &BigInt, spec: &FormatSpec) -> Result<String, String> {
    if spec.sign.is_some() {
        return Err("Sign not allowed with integer format specifier 'c'".into());
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed with integer format specifier 'c'".into());
    }
    let code = value.to_i64().ok_or(INT_TOO_LARGE_FOR_LONG)?;
    let code = u32::try_from(code)
        .ok()
        .filter(|c| *c < 0x11_0000)
        .ok_or(CHAR_RANGE)?;
    // CPython can build a str holding a lone surrogate; a Rust String cannot.
    let c =
        char::from_u32(code).ok_or("%c arg is a surrogate, which Pyrite strings cannot hold")?;
    let text = c.to_string();
    // The character is laid out like a number with no digits, so '=' and
    // '0' pad it on the left.
    let number = Number {
        negative: false,
        prefix: "",
        digits: "",
        tail: &text,
    };
    Ok(layout_number(&number, spec, None))
}

/// The b, d, n, o, x and X presentations.  'n' groups as the C locale does,
/// which is not at all.
fn format_int_digits(
    value: &BigInt,
    spec: &FormatSpec,
    kind: char,
    grouping: Option<(char, usize)>,
) -> String {
    let (radix, prefix) = match kind {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude().to_str_radix(radix);
    if kind == 'X' {
        digits.make_ascii_uppercase();
    }
    let number = Number {
        negative: value.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        tail: "",
    };
    layout_number(&number, spec, grouping)
}

// --- float.__format__ ---

/// `format(value, spec)` for a float whose type is named `type_name`.
///
/// With no presentation type and no precision this is `repr(value)`, padded.
pub fn format_float(value: f64, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let grouping = grouping_for(spec, spec.kind)?;
    match spec.kind {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {
            render_float(value, spec, grouping)
        }
        Some(kind) => Err(unknown_code(kind, type_name)),
    }
}

/// CPython's `format_float_internal`: picks the rendering, then lays it out.
fn render_float(
    value: f64,
    spec: &FormatSpec,
    grouping: Option<(char, usize)>,
) -> Result<String, String> {
    if spec.precision.is_some_and(|p| p > INT_MAX) {
        return Err("precision too big".into());
    }
    let style = DtoaStyle {
        alternate: spec.alternate,
        // With no type, a precision gives 'g' that still shows a ".0".
        add_dot_0: spec.kind.is_none(),
        no_neg_zero: spec.no_neg_zero,
        ..DtoaStyle::default()
    };
    let (code, value) = match spec.kind {
        None if spec.precision.is_none() => ('r', value),
        None | Some('n') => ('g', value),
        Some('%') => ('f', value * 100.0),
        Some(kind) => (kind, value),
    };
    let mut text = double_to_string(value, code, spec.precision.unwrap_or(6), style);
    if spec.kind == Some('%') {
        text.push('%');
    }
    Ok(layout_number(&Number::split_float(&text), spec, grouping))
}

/// `repr(x)` for a float: the shortest digits that round-trip, in exponent
/// form when the exponent is below -4 or at least 16.
pub fn float_repr(x: f64) -> String {
    let style = DtoaStyle {
        add_dot_0: true,
        ..DtoaStyle::default()
    };
    double_to_string(x, 'r', 0, style)
}

/// A float as printf's `%e`, `%f` or `%g` (or their upper-case forms; `kind`
/// is one of eEfFgG) renders it, with `#` when `alternate`; negative values
/// start with '-'.
pub fn format_float_general(x: f64, precision: usize, kind: char, alternate: bool) -> String {
    let style = DtoaStyle {
        alternate,
        ..DtoaStyle::default()
    };
    double_to_string(x, kind, precision, style)
}

/// The flags of CPython's `PyOS_double_to_string` that formatting uses.
#[derive(Clone, Copy, Debug, Default)]
struct DtoaStyle {
    /// `#`: keep a trailing decimal point, and trailing zeros under 'g'.
    alternate: bool,
    /// Show at least one digit after the point when there is no exponent.
    add_dot_0: bool,
    /// `z`: drop the sign of a result whose digits are all zero.
    no_neg_zero: bool,
    /// Write "E", "INF" and "NAN": `double_to_string` sets this from the
    /// case of its code.
    upper: bool,
}

/// CPython's `PyOS_double_to_string` for the codes e, f, g, r and their
/// upper-case forms (which write "E", "INF" and "NAN").
fn double_to_string(x: f64, code: char, precision: usize, style: DtoaStyle) -> String {
    let style = DtoaStyle {
        upper: code.is_ascii_uppercase(),
        ..style
    };
    // CPython ignores the sign of a NaN.
    if x.is_nan() {
        return if style.upper { "NAN" } else { "nan" }.to_string();
    }
    let abs = x.abs();
    let body = if x.is_infinite() {
        if style.upper { "INF" } else { "inf" }.to_string()
    } else {
        match code.to_ascii_lowercase() {
            'f' => fixed(abs, precision, style.alternate),
            'e' => significant_digits(abs, precision + 1).render(true, precision + 1, style),
            'g' => general(abs, precision, style),
            _ => shortest(abs, style),
        }
    };
    if x.is_sign_negative() && !(style.no_neg_zero && is_all_zeros(&body)) {
        format!("-{body}")
    } else {
        body
    }
}

/// Whether a rendered finite number's mantissa has only zeros.
fn is_all_zeros(body: &str) -> bool {
    body.bytes()
        .take_while(|b| !matches!(b, b'e' | b'E'))
        .all(|b| matches!(b, b'0' | b'.'))
}

/// The 'f' code.  Rust's fixed formatting is correctly rounded (ties to even
/// on the exact binary value), as CPython's dtoa is.
fn fixed(abs: f64, precision: usize, alternate: bool) -> String {
    let mut text = format!("{abs:.precision$}");
    if alternate && precision == 0 {
        text.push('.');
    }
    text
}

/// The 'g' code: `precision` significant digits (0 counts as 1), in exponent
/// form when the exponent is below -4 or the digits would not reach the point.
fn general(abs: f64, precision: usize, style: DtoaStyle) -> String {
    let precision = precision.max(1);
    let digits = significant_digits(abs, precision);
    // add_dot_0 needs room for the ".0", so it switches to exponents a digit sooner.
    let limit = precision - usize::from(style.add_dot_0);
    let use_exp = digits.point <= -4 || digits.point > limit as i64;
    // Only '#' keeps the trailing zeros.
    let min_digits = if style.alternate { precision } else { 0 };
    digits.render(use_exp, min_digits, style)
}

/// The 'r' code (repr): the shortest round-tripping digits.
fn shortest(abs: f64, style: DtoaStyle) -> String {
    let rust = scientific_digits(&format!("{abs:e}"));
    // Rust finds how many digits are needed, but when two such candidates
    // round-trip it may pick either (2134936657686903.25 gives ...903.3);
    // dtoa picks the correctly rounded one (...903.2).
    let nearest = significant_digits(abs, rust.digits.len());
    let digits = if nearest.value() == abs {
        nearest
    } else {
        rust
    };
    let use_exp = digits.point <= -4 || digits.point > 16;
    digits.render(use_exp, 0, style)
}

/// Significant decimal digits, without trailing zeros (but "0" for zero):
/// the value is 0.DIGITS times ten to the power `point`, as in dtoa.
struct Digits {
    digits: String,
    point: i64,
}

/// `count` correctly rounded significant digits.
fn significant_digits(abs: f64, count: usize) -> Digits {
    let decimals = count - 1;
    scientific_digits(&format!("{abs:.decimals$e}"))
}

/// Reads Rust's `LowerExp` output ("1.2345e-5") as [`Digits`].
fn scientific_digits(text: &str) -> Digits {
    let (mantissa, exponent) = text.split_once('e').expect("LowerExp writes an exponent");
    let mut digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    digits.truncate(digits.trim_end_matches('0').len().max(1));
    let exponent: i64 = exponent
        .parse()
        .expect("LowerExp writes an integer exponent");
    let point = exponent + 1;
    Digits { digits, point }
}

impl Digits {
    fn value(&self) -> f64 {
        let text = format!("0.{}e{}", self.digits, self.point);
        text.parse()
            .expect("digits and an exponent parse as a float")
    }

    /// Places the decimal point (CPython's `format_float_short`): zeros fill
    /// in before and after the digits as needed and up to `min_digits`
    /// digits in all; the point is dropped when nothing follows it, unless
    /// `#` asks to keep it.
    fn render(&self, use_exp: bool, min_digits: usize, style: DtoaStyle) -> String {
        let bytes = self.digits.as_bytes();
        let (point, exponent) = if use_exp {
            (1, self.point - 1)
        } else {
            (self.point, 0)
        };
        let dot_0 = i64::from(style.add_dot_0 && !use_exp);
        let end = (min_digits.max(bytes.len()) as i64).max(point + dot_0);
        let digit_at = |i: i64| {
            usize::try_from(i)
                .ok()
                .and_then(|i| bytes.get(i))
                .map_or('0', |&b| b as char)
        };
        let mut out = String::new();
        if point <= 0 {
            out.push('0');
        } else {
            out.extend((0..point).map(digit_at));
        }
        out.push('.');
        out.extend((point..end).map(digit_at));
        if out.ends_with('.') && !style.alternate {
            out.pop();
        }
        if use_exp {
            let sign = if exponent < 0 { '-' } else { '+' };
            let e = if style.upper { 'E' } else { 'e' };
            out.push_str(&format!("{e}{sign}{:02}", exponent.unsigned_abs()));
        }
        out
    }
}

// --- str.__format__ ---

/// `format(value, spec)` for a str.
pub fn format_str(value: &str, spec: &FormatSpec) -> Result<String, String> {
    format_str_as(value, spec, "str")
}

/// `format(value, spec)` for an instance of a str type named `type_name`.
pub fn format_str_as(value: &str, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let kind = spec.kind.unwrap_or('s');
    grouping_for(spec, Some(kind))?;
    if kind != 's' {
        return Err(unknown_code(kind, type_name));
    }
    // The options strings reject, in CPython's order.
    let rejected = [
        (spec.sign == Some(' '), "Space"),
        (spec.sign.is_some(), "Sign"),
        (spec.no_neg_zero, "Negative zero coercion (z)"),
        (spec.alternate, "Alternate form (#)"),
        (spec.align == Some('='), "'=' alignment"),
    ];
    if let Some((_, option)) = rejected.iter().find(|(given, _)| *given) {
        return Err(format!("{option} not allowed in string format specifier"));
    }
    let text = truncate_chars(value, spec.precision);
    Ok(pad(text, spec.width, spec.align.unwrap_or('<'), spec.fill))
}

/// The first `limit` code points of `text`.
fn truncate_chars(text: &str, limit: Option<usize>) -> &str {
    match limit.and_then(|n| text.char_indices().nth(n)) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

// --- printf-style formatting (`str % args`) ---

/// The flags of a `%` conversion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// '-': pad on the right.
    pub left: bool,
    /// '+': always show a sign.
    pub sign: bool,
    /// ' ': a space where a positive number's sign would be.
    pub space: bool,
    /// '#': the alternate form.
    pub alternate: bool,
    /// '0': pad numbers with zeros after the sign.
    pub zero: bool,
}

/// One `%` conversion: `%[flags][width][.precision]kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PercentSpec {
    pub flags: PercentFlags,
    pub width: Option<usize>,
    pub precision: Option<usize>,
    /// One of s r a c d i u o x X e E f F g G.
    pub kind: char,
}

impl PercentSpec {
    /// Applies a width taken from the arguments by `*`: a negative width
    /// pads on the right.
    pub fn set_star_width(&mut self, width: i64) {
        if width < 0 {
            self.flags.left = true;
        }
        self.width = usize::try_from(width.unsigned_abs()).ok();
    }

    /// Applies a precision taken from the arguments by `*`: a negative one
    /// counts as zero.
    pub fn set_star_precision(&mut self, precision: i32) {
        self.precision = Some(precision.max(0) as usize);
    }
}

/// A piece of a `%` format string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentPiece<'a> {
    /// Text copied as it is ("%%" gives a literal "%").
    Literal(&'a str),
    /// A conversion.  `key` is the mapping key of `%(key)s`; `width_star`
    /// and `precision_star` say that the width and precision come from the
    /// arguments, in that order and before the value.
    Spec {
        key: Option<&'a str>,
        spec: PercentSpec,
        width_star: bool,
        precision_star: bool,
    },
}

/// Splits a `%` format string into pieces, or gives CPython's `ValueError`
/// message for the first malformed conversion.
pub fn parse_percent(format: &str) -> Result<Vec<PercentPiece<'_>>, String> {
    percent_pieces(format).collect()
}

/// The pieces of a `%` format string one at a time, for callers that
/// convert as they go: CPython reports a malformed conversion only once it
/// reaches it, after converting (and maybe failing on) the ones before.
/// One difference remains: CPython takes a conversion's arguments before
/// rejecting an unsupported character, so `'%y' % ()` complains of too few
/// arguments, where this parser has already reported the character.
pub fn percent_pieces(format: &str) -> PercentParser<'_> {
    PercentParser {
        cur: Cursor::new(format),
        failed: false,
    }
}

/// The iterator behind [`percent_pieces`]; it stops after an error.
pub struct PercentParser<'a> {
    cur: Cursor<'a>,
    failed: bool,
}

impl<'a> Iterator for PercentParser<'a> {
    type Item = Result<PercentPiece<'a>, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.cur.rest();
        if self.failed || rest.is_empty() {
            return None;
        }
        if !rest.starts_with('%') {
            let text = &rest[..rest.find('%').unwrap_or(rest.len())];
            self.cur.skip(text);
            return Some(Ok(PercentPiece::Literal(text)));
        }
        let piece = percent_conversion(&mut self.cur);
        self.failed = piece.is_err();
        Some(piece)
    }
}

/// Parses a conversion from its '%', in CPython's order.
fn percent_conversion<'a>(cur: &mut Cursor<'a>) -> Result<PercentPiece<'a>, String> {
    cur.bump();
    // Only a '%' straight after the '%' is a literal; "%5%" is an error.
    if cur.peek() == Some('%') {
        let text = &cur.rest()[..1];
        cur.bump();
        return Ok(PercentPiece::Literal(text));
    }
    let key = if cur.eat('(') {
        Some(percent_key(cur)?)
    } else {
        None
    };
    let mut flags = PercentFlags::default();
    while let Some(flag) = cur.eat_if(|c| "-+ #0".contains(c)) {
        match flag {
            '-' => flags.left = true,
            '+' => flags.sign = true,
            ' ' => flags.space = true,
            '#' => flags.alternate = true,
            _ => flags.zero = true,
        }
    }
    let width_star = cur.eat('*');
    let width = if width_star {
        None
    } else {
        cur.count(SSIZE_MAX, "width too big")?
    };
    let (mut precision, mut precision_star) = (None, false);
    if cur.eat('.') {
        precision_star = cur.eat('*');
        if !precision_star {
            precision = Some(cur.count(INT_MAX, "precision too big")?.unwrap_or(0));
        }
    }
    // C's length modifiers ("%ld", "%hs") are accepted and ignored.
    cur.eat_if(|c| matches!(c, 'h' | 'l' | 'L'));
    let kind = cur.bump().ok_or("incomplete format")?;
    if !"sracdiuoxXeEfFgG".contains(kind) {
        let shown = if ('\u{1f}'..='~').contains(&kind) {
            kind
        } else {
            '?'
        };
        let (code, index) = (u32::from(kind), cur.index - 1);
        return Err(format!(
            "unsupported format character '{shown}' (0x{code:x}) at index {index}"
        ));
    }
    let spec = PercentSpec {
        flags,
        width,
        precision,
        kind,
    };
    Ok(PercentPiece::Spec {
        key,
        spec,
        width_star,
        precision_star,
    })
}

/// The key of `%(key)`, after its '('; it may hold balanced parentheses.
fn percent_key<'a>(cur: &mut Cursor<'a>) -> Result<&'a str, String> {
    let start = cur.pos;
    let mut depth = 1;
    while let Some(c) = cur.bump() {
        match c {
            '(' => depth += 1,
            ')' if depth == 1 => return Ok(&cur.text[start..cur.pos - 1]),
            ')' => depth -= 1,
            _ => {}
        }
    }
    Err("incomplete format key".into())
}

/// `%d`, `%i`, `%u`, `%o`, `%x` and `%X` of an integer.
pub fn percent_int(value: &BigInt, spec: &PercentSpec) -> String {
    let (radix, prefix) = match spec.kind {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude().to_str_radix(radix);
    if spec.kind == 'X' {
        digits.make_ascii_uppercase();
    }
    // The precision is a minimum number of digits.
    let zeros = spec.precision.unwrap_or(0).saturating_sub(digits.len());
    let mut body = String::with_capacity(digits.len() + zeros + 3);
    if value.is_negative() {
        body.push('-');
    }
    if spec.flags.alternate {
        body.push_str(prefix);
    }
    push_repeated(&mut body, '0', zeros);
    body.push_str(&digits);
    percent_output(&body, spec, true)
}

/// `%e`, `%E`, `%f`, `%F`, `%g` and `%G` of a float (precision 6 by default).
pub fn percent_float(value: f64, spec: &PercentSpec) -> String {
    let body = format_float_general(
        value,
        spec.precision.unwrap_or(6),
        spec.kind,
        spec.flags.alternate,
    );
    percent_output(&body, spec, true)
}

/// Pads the text of `%s`, `%r`, `%a` (which the precision truncates) or `%c`.
pub fn pad_percent(text: &str, spec: &PercentSpec) -> String {
    percent_output(text, spec, false)
}

/// Pads a conversion's text as CPython's `unicode_format_arg_output` does:
/// a number gets its sign from the flags, and its sign and `#` prefix stay
/// in front of zero padding.
fn percent_output(text: &str, spec: &PercentSpec, numeric: bool) -> String {
    let flags = spec.flags;
    let limit = if matches!(spec.kind, 's' | 'r' | 'a') {
        spec.precision
    } else {
        None
    };
    let text = truncate_chars(text, limit);
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) if numeric => ("-", rest),
        _ if numeric && flags.sign => ("+", text),
        _ if numeric && flags.space => (" ", text),
        _ => ("", text),
    };
    let prefixed = numeric && flags.alternate && matches!(spec.kind, 'o' | 'x' | 'X');
    let (prefix, digits) = rest.split_at(if prefixed { 2 } else { 0 });
    let len = sign.len() + prefix.len() + digits.chars().count();
    let padding = spec.width.unwrap_or(0).saturating_sub(len);
    let zero_fill = numeric && flags.zero;
    let mut out = String::with_capacity(text.len() + padding + 1);
    if !flags.left && !zero_fill {
        push_repeated(&mut out, ' ', padding);
    }
    out.push_str(sign);
    out.push_str(prefix);
    if !flags.left && zero_fill {
        push_repeated(&mut out, '0', padding);
    }
    out.push_str(digits);
    if flags.left {
        push_repeated(&mut out, ' ', padding);
    }
    out
}

#[cfg(test)]
#[path = "format_spec_tests.rs"]
mod tests;
