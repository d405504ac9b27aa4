//! The named methods of `str`: searching, splitting, stripping, case, predicates,
//! padding, translation, encoding and formatting.
//!
//! Each copies the receiver's text out of the heap first, so that it can allocate
//! results freely. Indices in the Python API count characters; searches run on the UTF-8
//! bytes (a match of valid UTF-8 always starts at a character boundary), and positions
//! are converted only when the text is not ASCII.

use ferrite::GcRef;

use super::args::{
    int_arg, keywords, no_args, one_arg, positional, slice_index, str_arg, tuple_form,
};
use super::{codecs, format, none_or, search, text_of, this, unicode};
use crate::builtins::registry::{method, static_method, Args, NativeDef};
use crate::objects::int::int_value;
use crate::objects::typeobject::type_name_of;
use crate::objects::{dict, is_none, list, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::ops;
use crate::runtime::space::{self, *};

pub fn methods() -> Vec<NativeDef> {
    vec![
        method(T_STR, "format", str_format),
        method(T_STR, "format_map", str_format_map),
        method(T_STR, "join", join),
        method(T_STR, "split", split),
        method(T_STR, "rsplit", rsplit),
        method(T_STR, "splitlines", splitlines),
        method(T_STR, "strip", strip),
        method(T_STR, "lstrip", lstrip),
        method(T_STR, "rstrip", rstrip),
        method(T_STR, "find", find),
        method(T_STR, "rfind", rfind),
        method(T_STR, "index", index),
        method(T_STR, "rindex", rindex),
        method(T_STR, "count", count),
        method(T_STR, "replace", replace),
        method(T_STR, "startswith", startswith),
        method(T_STR, "endswith", endswith),
        method(T_STR, "upper", upper),
        method(T_STR, "lower", lower),
        method(T_STR, "casefold", casefold),
        method(T_STR, "title", title),
        method(T_STR, "capitalize", capitalize),
        method(T_STR, "swapcase", swapcase),
        method(T_STR, "isdigit", isdigit),
        method(T_STR, "isdecimal", isdecimal),
        method(T_STR, "isnumeric", isnumeric),
        method(T_STR, "isalpha", isalpha),
        method(T_STR, "isalnum", isalnum),
        method(T_STR, "isspace", isspace),
        method(T_STR, "isupper", isupper),
        method(T_STR, "islower", islower),
        method(T_STR, "istitle", istitle),
        method(T_STR, "isidentifier", isidentifier),
        method(T_STR, "isprintable", isprintable),
        method(T_STR, "isascii", isascii),
        method(T_STR, "center", center),
        method(T_STR, "ljust", ljust),
        method(T_STR, "rjust", rjust),
        method(T_STR, "zfill", zfill),
        method(T_STR, "partition", partition),
        method(T_STR, "rpartition", rpartition),
        method(T_STR, "expandtabs", expandtabs),
        method(T_STR, "encode", encode),
        static_method(T_STR, "maketrans", maketrans),
        method(T_STR, "translate", translate),
        method(T_STR, "removeprefix", removeprefix),
        method(T_STR, "removesuffix", removesuffix),
    ]
}

// ---- helpers -----------------------------------------------------------------------------

/// The byte offset of character `index` (at most the length).
fn byte_offset(text: &str, index: usize) -> usize {
    if text.is_ascii() {
        return index.min(text.len());
    }
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The character index of byte offset `offset` (a character boundary).
fn char_index(text: &str, offset: usize) -> usize {
    if text.is_ascii() {
        return offset;
    }
    text[..offset].chars().count()
}

fn char_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

/// A new list of strs from byte ranges of `text`.
fn list_of(text: &str, ranges: &[(usize, usize)]) -> PyResult<GcRef> {
    let result = list::new_list(ranges.len())?;
    for &(a, b) in ranges {
        list::append(result, pystr::new_str(&text[a..b])?)?;
    }
    Ok(result.erase())
}

/// A new list of strs from character ranges of `chars`.
fn list_of_chars(chars: &[char], ranges: &[(usize, usize)]) -> PyResult<GcRef> {
    let result = list::new_list(ranges.len())?;
    for &(a, b) in ranges {
        list::append(result, pystr::new_string(chars[a..b].iter().collect())?)?;
    }
    Ok(result.erase())
}

fn bool_result(args: &Args, name: &str, test: impl FnOnce(&str) -> bool) -> PyResult<GcRef> {
    no_args(args, "str", name)?;
    let s = this(args, name)?;
    Ok(space::bool_(pystr::with_str(s.erase(), test)))
}

fn mapped(args: &Args, name: &str, map: impl FnOnce(&str) -> String) -> PyResult<GcRef> {
    no_args(args, "str", name)?;
    let text = text_of(args, name)?;
    pystr::new_string(map(&text))
}

// ---- formatting --------------------------------------------------------------------------

fn str_format(args: &Args) -> PyResult<GcRef> {
    let text = text_of(args, "format")?;
    pystr::new_string(format::format(&text, format::Source::Arguments(args))?)
}

fn str_format_map(args: &Args) -> PyResult<GcRef> {
    let mapping = one_arg(args, "str", "format_map")?;
    let text = text_of(args, "format_map")?;
    pystr::new_string(format::format(&text, format::Source::Mapping(mapping))?)
}

// ---- join and split ----------------------------------------------------------------------

fn join(args: &Args) -> PyResult<GcRef> {
    let iterable = one_arg(args, "str", "join")?;
    let separator = text_of(args, "join")?;
    let items = match ops::collect_list(iterable) {
        Ok(items) => items,
        Err(e) if is_instance_of(e, T_TYPE_ERROR) && ops::iter(iterable).is_err() => {
            return type_error("can only join an iterable")
        }
        Err(e) => return Err(e),
    };
    let mut out = String::new();
    for i in 0..list::len(items) {
        let item = list::get(items, i);
        if pystr::as_str(item).is_none() {
            return type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                type_name_of(item)
            ));
        }
        if i > 0 {
            out.push_str(&separator);
        }
        pystr::with_str(item, |s| out.push_str(s));
    }
    pystr::new_string(out)
}

/// The `sep` and `maxsplit` arguments of `split`/`rsplit` (None for whitespace).
fn split_args(args: &Args, name: &str) -> PyResult<(Option<String>, i64)> {
    let [sep, maxsplit] = keywords(args, 1, name, ["sep", "maxsplit"], 0)?;
    let sep = match none_or(sep) {
        None => None,
        Some(s) if pystr::as_str(s).is_some() => {
            let sep = pystr::to_string(s);
            if sep.is_empty() {
                return value_error("empty separator");
            }
            Some(sep)
        }
        Some(s) => return type_error(format!("must be str or None, not {}", type_name_of(s))),
    };
    let maxsplit = match maxsplit {
        Some(m) => int_arg(m)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn split_either(args: &Args, name: &str, reverse: bool) -> PyResult<GcRef> {
    let text = text_of(args, name)?;
    let (sep, maxsplit) = split_args(args, name)?;
    match sep {
        Some(sep) => {
            let ranges = if reverse {
                search::rsplit(text.as_bytes(), sep.as_bytes(), maxsplit)
            } else {
                search::split(text.as_bytes(), sep.as_bytes(), maxsplit)
            };
            list_of(&text, &ranges)
        }
        None if text.is_ascii() => {
            let is_space = |b: u8| unicode::is_space(b as char);
            let ranges = if reverse {
                search::rsplit_whitespace(text.as_bytes(), maxsplit, is_space)
            } else {
                search::split_whitespace(text.as_bytes(), maxsplit, is_space)
            };
            list_of(&text, &ranges)
        }
        None => {
            let chars: Vec<char> = text.chars().collect();
            let ranges = if reverse {
                search::rsplit_whitespace(&chars, maxsplit, unicode::is_space)
            } else {
                search::split_whitespace(&chars, maxsplit, unicode::is_space)
            };
            list_of_chars(&chars, &ranges)
        }
    }
}

fn split(args: &Args) -> PyResult<GcRef> {
    split_either(args, "split", false)
}

fn rsplit(args: &Args) -> PyResult<GcRef> {
    split_either(args, "rsplit", true)
}

fn splitlines(args: &Args) -> PyResult<GcRef> {
    let text = text_of(args, "splitlines")?;
    let [keepends] = keywords(args, 1, "splitlines", ["keepends"], 0)?;
    let keepends = match keepends {
        Some(k) => int_arg(k)? != 0,
        None => false,
    };
    let chars: Vec<char> = text.chars().collect();
    let ranges = search::splitlines(&chars, keepends, unicode::is_line_break, '\r', '\n');
    list_of_chars(&chars, &ranges)
}

// ---- strip -------------------------------------------------------------------------------

fn strip_either(args: &Args, name: &str, left: bool, right: bool) -> PyResult<GcRef> {
    positional(args, "str", name, 0, 1)?;
    let text = text_of(args, name)?;
    let chars_arg = none_or(args.get_opt(1));
    let set: Option<Vec<char>> = match chars_arg {
        None => None,
        Some(c) if pystr::as_str(c).is_some() => Some(pystr::to_string(c).chars().collect()),
        Some(_) => return type_error(format!("{name} arg must be None or str")),
    };
    let chars: Vec<char> = text.chars().collect();
    let (a, b) = match &set {
        None => search::strip_range(&chars, left, right, unicode::is_space),
        Some(set) => search::strip_range(&chars, left, right, |c| set.contains(&c)),
    };
    if a == 0 && b == chars.len() {
        return Ok(this(args, name)?.erase());
    }
    pystr::new_string(chars[a..b].iter().collect())
}

fn strip(args: &Args) -> PyResult<GcRef> {
    strip_either(args, "strip", true, true)
}

fn lstrip(args: &Args) -> PyResult<GcRef> {
    strip_either(args, "lstrip", true, false)
}

fn rstrip(args: &Args) -> PyResult<GcRef> {
    strip_either(args, "rstrip", false, true)
}

// ---- searching ---------------------------------------------------------------------------

/// The receiver's text, the substring, and the byte window `[start:end]` selects (None
/// when the window is shorter than the substring, where nothing can match).
struct Search {
    text: String,
    sub: String,
    /// The window in characters and in bytes.
    start: usize,
    end: usize,
    bytes: (usize, usize),
}

fn search_args(args: &Args, name: &str) -> PyResult<Search> {
    tuple_form(args, "str", name, 1, 3)?;
    let text = text_of(args, name)?;
    let sub = str_arg(args.get(1), "")?;
    let (start, end) = search::adjust_indices(
        slice_index(args.get_opt(2))?,
        slice_index(args.get_opt(3))?,
        char_len(&text),
    );
    let bytes = if start <= end {
        (byte_offset(&text, start), byte_offset(&text, end))
    } else {
        (0, 0)
    };
    Ok(Search {
        text,
        sub,
        start,
        end,
        bytes,
    })
}

impl Search {
    fn fits(&self) -> bool {
        self.end >= self.start && self.end - self.start >= char_len(&self.sub)
    }

    fn window(&self) -> &[u8] {
        &self.text.as_bytes()[self.bytes.0..self.bytes.1]
    }

    /// The character index of a byte offset within the window.
    fn position(&self, offset: usize) -> i64 {
        (self.start + char_index(&self.text[self.bytes.0..], offset)) as i64
    }

    fn find(&self, reverse: bool) -> i64 {
        if !self.fits() {
            return -1;
        }
        let found = if reverse {
            search::rfind(self.window(), self.sub.as_bytes())
        } else {
            search::find(self.window(), self.sub.as_bytes())
        };
        found.map_or(-1, |p| self.position(p))
    }
}

fn find(args: &Args) -> PyResult<GcRef> {
    new_int(search_args(args, "find")?.find(false))
}

fn rfind(args: &Args) -> PyResult<GcRef> {
    new_int(search_args(args, "rfind")?.find(true))
}

fn index_either(args: &Args, name: &str, reverse: bool) -> PyResult<GcRef> {
    match search_args(args, name)?.find(reverse) {
        -1 => value_error("substring not found"),
        i => new_int(i),
    }
}

fn index(args: &Args) -> PyResult<GcRef> {
    index_either(args, "index", false)
}

fn rindex(args: &Args) -> PyResult<GcRef> {
    index_either(args, "rindex", true)
}

fn count(args: &Args) -> PyResult<GcRef> {
    let s = search_args(args, "count")?;
    if !s.fits() {
        return new_int(0);
    }
    if s.sub.is_empty() {
        return new_int((s.end - s.start + 1) as i64);
    }
    new_int(search::count(s.window(), s.sub.as_bytes(), usize::MAX) as i64)
}

fn replace(args: &Args) -> PyResult<GcRef> {
    positional(args, "str", "replace", 2, 3)?;
    let text = text_of(args, "replace")?;
    let old = str_arg(args.get(1), "replace() argument 1 ")?;
    let new = str_arg(args.get(2), "replace() argument 2 ")?;
    let count = match args.get_opt(3) {
        Some(c) => int_arg(c)?,
        None => -1,
    };
    if old.is_empty() {
        let chars: Vec<char> = text.chars().collect();
        let new: Vec<char> = new.chars().collect();
        return pystr::new_string(
            search::replace_empty(&chars, &new, count)
                .into_iter()
                .collect(),
        );
    }
    let out = search::replace(text.as_bytes(), old.as_bytes(), new.as_bytes(), count);
    pystr::new_string(String::from_utf8(out).expect("replacing UTF-8 in UTF-8"))
}

/// `startswith`/`endswith`: a str or a tuple of strs, in the window `[start:end]`.
fn tail_match(args: &Args, name: &str, at_end: bool) -> PyResult<GcRef> {
    tuple_form(args, "str", name, 1, 3)?;
    let text = text_of(args, name)?;
    let (start, end) = search::adjust_indices(
        slice_index(args.get_opt(2))?,
        slice_index(args.get_opt(3))?,
        char_len(&text),
    );
    let matches = |sub: &str| -> bool {
        let sub_len = char_len(sub);
        if end < start + sub_len {
            return false;
        }
        if sub.is_empty() {
            return true;
        }
        let from = if at_end { end - sub_len } else { start };
        let offset = byte_offset(&text, from);
        text.as_bytes()[offset..].starts_with(sub.as_bytes())
    };
    let prefix = args.get(1);
    if let Some(items) = tuple::as_tuple(prefix) {
        for i in 0..items.len() {
            let item = items.get(i).expect("tuple item");
            if pystr::as_str(item).is_none() {
                return type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    type_name_of(item)
                ));
            }
            if pystr::with_str(item, |s| matches(s)) {
                return Ok(space::bool_(true));
            }
        }
        return Ok(space::bool_(false));
    }
    if pystr::as_str(prefix).is_none() {
        return type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name_of(prefix)
        ));
    }
    Ok(space::bool_(pystr::with_str(prefix, |s| matches(s))))
}

fn startswith(args: &Args) -> PyResult<GcRef> {
    tail_match(args, "startswith", false)
}

fn endswith(args: &Args) -> PyResult<GcRef> {
    tail_match(args, "endswith", true)
}

// ---- case --------------------------------------------------------------------------------

fn upper(args: &Args) -> PyResult<GcRef> {
    mapped(args, "upper", str::to_uppercase)
}

fn lower(args: &Args) -> PyResult<GcRef> {
    mapped(args, "lower", str::to_lowercase)
}

fn casefold(args: &Args) -> PyResult<GcRef> {
    mapped(args, "casefold", unicode::casefold)
}

fn title(args: &Args) -> PyResult<GcRef> {
    mapped(args, "title", unicode::title)
}

fn capitalize(args: &Args) -> PyResult<GcRef> {
    mapped(args, "capitalize", unicode::capitalize)
}

fn swapcase(args: &Args) -> PyResult<GcRef> {
    mapped(args, "swapcase", unicode::swapcase)
}

// ---- predicates --------------------------------------------------------------------------

/// A predicate true of non-empty strings whose characters all pass `test`.
fn all_chars(args: &Args, name: &str, test: fn(char) -> bool) -> PyResult<GcRef> {
    bool_result(args, name, |s| !s.is_empty() && s.chars().all(test))
}

fn isdigit(args: &Args) -> PyResult<GcRef> {
    all_chars(args, "isdigit", unicode::is_digit)
}

fn isdecimal(args: &Args) -> PyResult<GcRef> {
    all_chars(args, "isdecimal", unicode::is_decimal)
}

fn isnumeric(args: &Args) -> PyResult<GcRef> {
    all_chars(args, "isnumeric", unicode::is_numeric)
}

fn isalpha(args: &Args) -> PyResult<GcRef> {
    all_chars(args, "isalpha", unicode::is_alpha)
}

fn isalnum(args: &Args) -> PyResult<GcRef> {
    all_chars(args, "isalnum", unicode::is_alnum)
}

fn isspace(args: &Args) -> PyResult<GcRef> {
    all_chars(args, "isspace", unicode::is_space)
}

fn isupper(args: &Args) -> PyResult<GcRef> {
    bool_result(args, "isupper", unicode::is_upper_text)
}

fn islower(args: &Args) -> PyResult<GcRef> {
    bool_result(args, "islower", unicode::is_lower_text)
}

fn istitle(args: &Args) -> PyResult<GcRef> {
    bool_result(args, "istitle", unicode::is_title_text)
}

fn isidentifier(args: &Args) -> PyResult<GcRef> {
    bool_result(args, "isidentifier", unicode::is_identifier)
}

fn isprintable(args: &Args) -> PyResult<GcRef> {
    bool_result(args, "isprintable", |s| {
        s.chars().all(unicode::is_printable)
    })
}

fn isascii(args: &Args) -> PyResult<GcRef> {
    bool_result(args, "isascii", str::is_ascii)
}

// ---- padding -----------------------------------------------------------------------------

fn pad(args: &Args, name: &str, align: char) -> PyResult<GcRef> {
    positional(args, "str", name, 1, 2)?;
    let text = text_of(args, name)?;
    let width = int_arg(args.get(1))?;
    let fill = match args.get_opt(2) {
        None => ' ',
        Some(f) => match pystr::as_str(f) {
            Some(s) if s.length() == 1 => pystr::char_at(s, 0),
            Some(_) => return type_error("The fill character must be exactly one character long"),
            None => {
                return type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    type_name_of(f)
                ))
            }
        },
    };
    super::args::check_size(width.max(0) as u128)?;
    let (left, right) = search::padding(char_len(&text), width, align);
    if left == 0 && right == 0 {
        return Ok(this(args, name)?.erase());
    }
    let mut out = String::with_capacity(text.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(&text);
    out.extend(std::iter::repeat_n(fill, right));
    pystr::new_string(out)
}

fn center(args: &Args) -> PyResult<GcRef> {
    pad(args, "center", '^')
}

fn ljust(args: &Args) -> PyResult<GcRef> {
    pad(args, "ljust", '<')
}

fn rjust(args: &Args) -> PyResult<GcRef> {
    pad(args, "rjust", '>')
}

fn zfill(args: &Args) -> PyResult<GcRef> {
    let width = int_arg(one_arg(args, "str", "zfill")?)?;
    let text = text_of(args, "zfill")?;
    let len = char_len(&text) as i64;
    if len >= width {
        return Ok(this(args, "zfill")?.erase());
    }
    super::args::check_size(width as u128)?;
    let zeros = "0".repeat((width - len) as usize);
    let out = match text.strip_prefix(['+', '-']) {
        Some(rest) => format!("{}{zeros}{rest}", &text[..1]),
        None => format!("{zeros}{text}"),
    };
    pystr::new_string(out)
}

// ---- partition ---------------------------------------------------------------------------

fn partition_either(args: &Args, name: &str, reverse: bool) -> PyResult<GcRef> {
    let sep_arg = one_arg(args, "str", name)?;
    let text = text_of(args, name)?;
    let sep = str_arg(sep_arg, "")?;
    if sep.is_empty() {
        return value_error("empty separator");
    }
    let found = if reverse {
        search::rfind(text.as_bytes(), sep.as_bytes())
    } else {
        search::find(text.as_bytes(), sep.as_bytes())
    };
    let parts = match found {
        Some(p) => [&text[..p], sep.as_str(), &text[p + sep.len()..]],
        None if reverse => ["", "", text.as_str()],
        None => [text.as_str(), "", ""],
    };
    let values = [
        pystr::new_str(parts[0])?,
        pystr::new_str(parts[1])?,
        pystr::new_str(parts[2])?,
    ];
    crate::objects::new_tuple(&values)
}

fn partition(args: &Args) -> PyResult<GcRef> {
    partition_either(args, "partition", false)
}

fn rpartition(args: &Args) -> PyResult<GcRef> {
    partition_either(args, "rpartition", true)
}

fn expandtabs(args: &Args) -> PyResult<GcRef> {
    let text = text_of(args, "expandtabs")?;
    let [tabsize] = keywords(args, 1, "expandtabs", ["tabsize"], 0)?;
    let tabsize = match tabsize {
        Some(t) => int_arg(t)?,
        None => 8,
    };
    let chars: Vec<char> = text.chars().collect();
    let tabs = chars.iter().filter(|&&c| c == '\t').count() as u128;
    super::args::check_size(tabs * tabsize.max(0) as u128 + chars.len() as u128)?;
    let out = search::expandtabs(&chars, tabsize, '\t', ' ', ['\n', '\r']);
    pystr::new_string(out.into_iter().collect())
}

// ---- encoding and translation --------------------------------------------------------------

fn encode(args: &Args) -> PyResult<GcRef> {
    let s = this(args, "encode")?;
    let [encoding, errors] = keywords(args, 1, "encode", ["encoding", "errors"], 0)?;
    let encoding = super::optional_str(encoding, "encode", "encoding")?;
    let errors = super::optional_str(errors, "encode", "errors")?;
    let text = pystr::to_string(s.erase());
    let data = codecs::encode(
        s.erase(),
        &text,
        encoding.as_deref().unwrap_or("utf-8"),
        errors.as_deref().unwrap_or("strict"),
    )?;
    crate::objects::bytes::new_bytes(&data)
}

/// `str.maketrans(x[, y[, z]])`: a dict from code points to code points, strs or None.
fn maketrans(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("maketrans() takes no keyword arguments");
    }
    let n = args.len();
    if n == 0 || n > 3 {
        let (bound, what) = if n == 0 {
            ("at least", 1)
        } else {
            ("at most", 3)
        };
        let s = if what == 1 { "" } else { "s" };
        return type_error(format!(
            "maketrans expected {bound} {what} argument{s}, got {n}"
        ));
    }
    let table = dict::new_dict()?;
    if n == 1 {
        let Some(mapping) = dict::as_dict(args.get(0)) else {
            return type_error("if you give only one argument to maketrans it must be a dict");
        };
        let mut position = 0;
        while let Some((key, value, next)) = dict::next_entry(mapping, position) {
            position = next;
            let code = if let Some(k) = pystr::as_str(key) {
                if k.length() != 1 {
                    return value_error("string keys in translate table must be of length 1");
                }
                new_int(pystr::char_at(k, 0) as i64)?
            } else if int_value(key).is_some() {
                key
            } else {
                return type_error("keys in translate table must be strings or integers");
            };
            dict::set_item(table, code, value)?;
        }
        return Ok(table.erase());
    }
    let from = str_arg(args.get(0), "maketrans() argument 1 ")?;
    let to = str_arg(args.get(1), "maketrans() argument 2 ")?;
    if char_len(&from) != char_len(&to) {
        return value_error("the first two maketrans arguments must have equal length");
    }
    for (a, b) in from.chars().zip(to.chars()) {
        dict::set_item(table, new_int(a as i64)?, new_int(b as i64)?)?;
    }
    if n == 3 {
        let delete = str_arg(args.get(2), "maketrans() argument 3 ")?;
        for c in delete.chars() {
            dict::set_item(table, new_int(c as i64)?, space::none())?;
        }
    }
    Ok(table.erase())
}

/// `str.translate(table)`: each character's code point looked up with `table[...]`;
/// a missing key keeps the character.
fn translate(args: &Args) -> PyResult<GcRef> {
    let table = one_arg(args, "str", "translate")?;
    let text = text_of(args, "translate")?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mapped = match ops::getitem(table, new_int(c as i64)?) {
            Ok(v) => v,
            Err(e) if is_instance_of(e, T_LOOKUP_ERROR) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if is_none(mapped) {
            continue;
        }
        if let Some(code) = int_value(mapped) {
            let code = match code {
                crate::objects::int::IntValue::Small(v) => u32::try_from(v).ok(),
                crate::objects::int::IntValue::Big(_) => None,
            };
            match code.and_then(char::from_u32) {
                Some(m) => out.push(m),
                None => return value_error("character mapping must be in range(0x110000)"),
            }
        } else if pystr::as_str(mapped).is_some() {
            pystr::with_str(mapped, |s| out.push_str(s));
        } else {
            return type_error("character mapping must return integer, None or str");
        }
    }
    pystr::new_string(out)
}

fn remove_affix(args: &Args, name: &str, suffix: bool) -> PyResult<GcRef> {
    let affix_arg = one_arg(args, "str", name)?;
    let text = text_of(args, name)?;
    let affix = str_arg(affix_arg, &format!("{name}() argument "))?;
    let rest = if suffix {
        text.strip_suffix(affix.as_str())
    } else {
        text.strip_prefix(affix.as_str())
    };
    match rest {
        Some(rest) if !affix.is_empty() => pystr::new_str(rest),
        _ => Ok(this(args, name)?.erase()),
    }
}

fn removeprefix(args: &Args) -> PyResult<GcRef> {
    remove_affix(args, "removeprefix", false)
}

fn removesuffix(args: &Args) -> PyResult<GcRef> {
    remove_affix(args, "removesuffix", true)
}
