//! The named methods `bytes` and `bytearray` share (searching, splitting, ASCII case
//! and predicates, padding, hex, translation, decoding) and printf-style `bytes % args`.
//! The algorithms are `str`'s (`str_search`), run on bytes.

use ferrite::GcRef;

use super::{buffer_of, byte_value, bytes_arg, receiver, Kind};
use crate::builtins::format::{star_argument, Values};
use crate::builtins::format_spec::{self, PercentPiece, PercentSpec};
use crate::builtins::registry::{class_method, method, static_method, Args, NativeDef};
use crate::objects::int::{int_value, IntValue};
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{bytes::new_bytes, list, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, ops};
use crate::types::str::args::{
    int_arg, keywords, no_args, one_arg, positional, slice_index, tuple_form,
};
use crate::types::str::search;

pub fn methods() -> Vec<NativeDef> {
    let mut defs = Vec::new();
    for t in [T_BYTES, T_BYTEARRAY] {
        defs.extend([
            method(t, "decode", decode),
            method(t, "hex", hex),
            class_method(t, "fromhex", fromhex),
            static_method(t, "maketrans", maketrans),
            method(t, "translate", translate),
            method(t, "join", join),
            method(t, "split", split),
            method(t, "rsplit", rsplit),
            method(t, "splitlines", splitlines),
            method(t, "strip", strip),
            method(t, "lstrip", lstrip),
            method(t, "rstrip", rstrip),
            method(t, "startswith", startswith),
            method(t, "endswith", endswith),
            method(t, "find", find),
            method(t, "rfind", rfind),
            method(t, "index", index),
            method(t, "rindex", rindex),
            method(t, "count", count),
            method(t, "replace", replace),
            method(t, "upper", upper),
            method(t, "lower", lower),
            method(t, "swapcase", swapcase),
            method(t, "title", title),
            method(t, "capitalize", capitalize),
            method(t, "isdigit", isdigit),
            method(t, "isalpha", isalpha),
            method(t, "isalnum", isalnum),
            method(t, "isspace", isspace),
            method(t, "isupper", isupper),
            method(t, "islower", islower),
            method(t, "istitle", istitle),
            method(t, "isascii", isascii),
            method(t, "center", center),
            method(t, "ljust", ljust),
            method(t, "rjust", rjust),
            method(t, "zfill", zfill),
            method(t, "partition", partition),
            method(t, "rpartition", rpartition),
            method(t, "expandtabs", expandtabs),
            method(t, "removeprefix", removeprefix),
            method(t, "removesuffix", removesuffix),
        ]);
    }
    defs
}

/// The whitespace of bytes methods: ASCII space, \t, \n, \r, \x0b and \x0c.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// A new list of `kind` objects from ranges of `data`.
fn list_of(kind: Kind, data: &[u8], ranges: &[(usize, usize)]) -> PyResult<GcRef> {
    let result = list::new_list(ranges.len())?;
    for &(a, b) in ranges {
        list::append(result, kind.make(&data[a..b])?)?;
    }
    Ok(result.erase())
}

// ---- decoding and hex ----------------------------------------------------------------------

fn decode(args: &Args) -> PyResult<GcRef> {
    let (data, _) = receiver(args, "decode")?;
    let [encoding, errors] = keywords(args, 1, "decode", ["encoding", "errors"], 0)?;
    let encoding = crate::types::str::optional_str(encoding, "decode", "encoding")?;
    let errors = crate::types::str::optional_str(errors, "decode", "errors")?;
    let text = crate::types::str::codecs::decode(
        &data,
        encoding.as_deref().unwrap_or("utf-8"),
        errors.as_deref().unwrap_or("strict"),
    )?;
    pystr::new_string(text)
}

fn hex(args: &Args) -> PyResult<GcRef> {
    let (data, _) = receiver(args, "hex")?;
    let [sep, per] = keywords(args, 1, "hex", ["sep", "bytes_per_sep"], 0)?;
    let separator = match sep {
        None => None,
        Some(s) => {
            let text = match pystr::as_str(s) {
                Some(_) => pystr::to_string(s),
                None => match buffer_of(s)? {
                    Some(d) => d.iter().map(|&b| b as char).collect(),
                    None => {
                        return type_error(format!(
                            "object of type '{}' has no len()",
                            type_name_of(s)
                        ))
                    }
                },
            };
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Some(c),
                (Some(_), None) => return value_error("sep must be ASCII."),
                _ => return value_error("sep must be length 1."),
            }
        }
    };
    let per = match per {
        Some(p) => int_arg(p)?,
        None => 1,
    };
    let digits = |chunk: &[u8]| chunk.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let (Some(separator), true) = (separator, per != 0) else {
        return pystr::new_string(digits(&data));
    };
    let size = per.unsigned_abs() as usize;
    // Groups count from the right for a positive `bytes_per_sep`, from the left otherwise.
    let first = if per > 0 && data.len() % size != 0 {
        data.len() % size
    } else {
        size
    };
    let mut groups = Vec::new();
    let mut i = 0;
    let mut next = first.min(data.len());
    while i < data.len() {
        groups.push(digits(&data[i..next]));
        i = next;
        next = (next + size).min(data.len());
    }
    pystr::new_string(groups.join(&separator.to_string()))
}

/// `bytes.fromhex(string)`: pairs of hex digits, with whitespace between bytes.
fn fromhex(args: &Args) -> PyResult<GcRef> {
    let cls = args.get(0);
    if args.len() != 2 || args.keyword_count() > 0 {
        return type_error(format!(
            "fromhex() takes exactly one argument ({} given)",
            args.count.saturating_sub(1)
        ));
    }
    let string = args.get(1);
    if pystr::as_str(string).is_none() {
        return type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name_of(string)
        ));
    }
    let text: Vec<char> = pystr::to_string(string).chars().collect();
    let mut data = Vec::with_capacity(text.len() / 2);
    let mut i = 0;
    let digit = |i: usize| text.get(i).and_then(|c| c.to_digit(16));
    while i < text.len() {
        if text[i].is_ascii() && is_space(text[i] as u8) {
            i += 1;
            continue;
        }
        let (Some(high), Some(low)) = (digit(i), digit(i + 1)) else {
            let position = if digit(i).is_some() { i + 1 } else { i };
            return value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {position}"
            ));
        };
        data.push((high * 16 + low) as u8);
        i += 2;
    }
    if cls == space::builtin_type(T_BYTES).erase() {
        return new_bytes(&data);
    }
    if cls == space::builtin_type(T_BYTEARRAY).erase() {
        return Ok(crate::objects::bytes::new_bytearray(&data)?.erase());
    }
    call::call_function(cls, &[new_bytes(&data)?])
}

fn maketrans(args: &Args) -> PyResult<GcRef> {
    if args.keyword_count() > 0 {
        return type_error("maketrans() takes no keyword arguments");
    }
    if args.len() != 2 {
        return type_error(format!(
            "maketrans expected 2 arguments, got {}",
            args.len()
        ));
    }
    let from = bytes_arg(args.get(0))?;
    let to = bytes_arg(args.get(1))?;
    if from.len() != to.len() {
        return value_error("maketrans arguments must have same length");
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (a, b) in from.into_iter().zip(to) {
        table[a as usize] = b;
    }
    new_bytes(&table)
}

fn translate(args: &Args) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, "translate")?;
    let [table, delete] = keywords(args, 1, "translate", ["table", "delete"], 1)?;
    let table = match table.filter(|t| !crate::objects::is_none(*t)) {
        None => None,
        Some(t) => {
            let t = bytes_arg(t)?;
            if t.len() != 256 {
                return value_error("translation table must be 256 characters long");
            }
            Some(t)
        }
    };
    let delete = match delete {
        Some(d) => bytes_arg(d)?,
        None => Vec::new(),
    };
    let out: Vec<u8> = data
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    kind.make(&out)
}

// ---- join and split --------------------------------------------------------------------------

fn join(args: &Args) -> PyResult<GcRef> {
    let (separator, kind) = receiver(args, "join")?;
    let iterable = one_arg(args, kind.name(), "join")?;
    let items = match ops::collect_list(iterable) {
        Ok(items) => items,
        Err(e) if is_instance_of(e, T_TYPE_ERROR) && ops::iter(iterable).is_err() => {
            return type_error("can only join an iterable")
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for i in 0..list::len(items) {
        let item = list::get(items, i);
        let Some(data) = buffer_of(item)? else {
            return type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                type_name_of(item)
            ));
        };
        if i > 0 {
            out.extend_from_slice(&separator);
        }
        out.extend_from_slice(&data);
    }
    kind.make(&out)
}

fn split_either(args: &Args, name: &str, reverse: bool) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    let [sep, maxsplit] = keywords(args, 1, name, ["sep", "maxsplit"], 0)?;
    let maxsplit = match maxsplit {
        Some(m) => int_arg(m)?,
        None => -1,
    };
    let ranges = match sep.filter(|s| !crate::objects::is_none(*s)) {
        Some(sep) => {
            let sep = bytes_arg(sep)?;
            if sep.is_empty() {
                return value_error("empty separator");
            }
            if reverse {
                search::rsplit(&data, &sep, maxsplit)
            } else {
                search::split(&data, &sep, maxsplit)
            }
        }
        None if reverse => search::rsplit_whitespace(&data, maxsplit, is_space),
        None => search::split_whitespace(&data, maxsplit, is_space),
    };
    list_of(kind, &data, &ranges)
}

fn split(args: &Args) -> PyResult<GcRef> {
    split_either(args, "split", false)
}

fn rsplit(args: &Args) -> PyResult<GcRef> {
    split_either(args, "rsplit", true)
}

fn splitlines(args: &Args) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, "splitlines")?;
    let [keepends] = keywords(args, 1, "splitlines", ["keepends"], 0)?;
    let keepends = match keepends {
        Some(k) => int_arg(k)? != 0,
        None => false,
    };
    let ranges = search::splitlines(&data, keepends, |b| b == b'\n' || b == b'\r', b'\r', b'\n');
    list_of(kind, &data, &ranges)
}

fn strip_either(args: &Args, name: &str, left: bool, right: bool) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    positional(args, kind.name(), name, 0, 1)?;
    let (a, b) = match args.get_opt(1).filter(|c| !crate::objects::is_none(*c)) {
        None => search::strip_range(&data, left, right, is_space),
        Some(chars) => {
            let set = bytes_arg(chars)?;
            search::strip_range(&data, left, right, |b| set.contains(&b))
        }
    };
    kind.make(&data[a..b])
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

// ---- searching -----------------------------------------------------------------------------

/// The data, the sought bytes (an int is one byte) and the window `[start:end]`.
fn search_args(args: &Args, name: &str) -> PyResult<(Vec<u8>, Vec<u8>, usize, usize)> {
    let (data, kind) = receiver(args, name)?;
    tuple_form(args, kind.name(), name, 1, 3)?;
    let sub = args.get(1);
    let sub = if int_value(sub).is_some() {
        vec![byte_value(sub, "byte must be in range(0, 256)")?]
    } else {
        match buffer_of(sub)? {
            Some(d) => d,
            None => {
                return type_error(format!(
                    "argument should be integer or bytes-like object, not '{}'",
                    type_name_of(sub)
                ))
            }
        }
    };
    let (start, end) = search::adjust_indices(
        slice_index(args.get_opt(2))?,
        slice_index(args.get_opt(3))?,
        data.len(),
    );
    Ok((data, sub, start, end))
}

fn find_in(args: &Args, name: &str, reverse: bool) -> PyResult<i64> {
    let (data, sub, start, end) = search_args(args, name)?;
    if end < start || end - start < sub.len() {
        return Ok(-1);
    }
    let window = &data[start..end];
    let found = if reverse {
        search::rfind(window, &sub)
    } else {
        search::find(window, &sub)
    };
    Ok(found.map_or(-1, |p| (start + p) as i64))
}

fn find(args: &Args) -> PyResult<GcRef> {
    new_int(find_in(args, "find", false)?)
}

fn rfind(args: &Args) -> PyResult<GcRef> {
    new_int(find_in(args, "rfind", true)?)
}

fn index_either(args: &Args, name: &str, reverse: bool) -> PyResult<GcRef> {
    match find_in(args, name, reverse)? {
        -1 => value_error("subsection not found"),
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
    let (data, sub, start, end) = search_args(args, "count")?;
    if end < start || end - start < sub.len() {
        return new_int(0);
    }
    if sub.is_empty() {
        return new_int((end - start + 1) as i64);
    }
    new_int(search::count(&data[start..end], &sub, usize::MAX) as i64)
}

fn replace(args: &Args) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, "replace")?;
    positional(args, kind.name(), "replace", 2, 3)?;
    let old = bytes_arg(args.get(1))?;
    let new = bytes_arg(args.get(2))?;
    let count = match args.get_opt(3) {
        Some(c) => int_arg(c)?,
        None => -1,
    };
    let out = if old.is_empty() {
        search::replace_empty(&data, &new, count)
    } else {
        search::replace(&data, &old, &new, count)
    };
    kind.make(&out)
}

fn tail_match(args: &Args, name: &str, at_end: bool) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    tuple_form(args, kind.name(), name, 1, 3)?;
    let (start, end) = search::adjust_indices(
        slice_index(args.get_opt(2))?,
        slice_index(args.get_opt(3))?,
        data.len(),
    );
    let matches = |sub: &[u8]| {
        if end < start + sub.len() {
            return false;
        }
        let from = if at_end { end - sub.len() } else { start };
        data[from..].starts_with(sub)
    };
    let prefix = args.get(1);
    if let Some(items) = tuple::as_tuple(prefix) {
        for i in 0..items.len() {
            if matches(&bytes_arg(items.get(i).expect("tuple item"))?) {
                return Ok(space::bool_(true));
            }
        }
        return Ok(space::bool_(false));
    }
    match buffer_of(prefix)? {
        Some(sub) => Ok(space::bool_(matches(&sub))),
        None => type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            type_name_of(prefix)
        )),
    }
}

fn startswith(args: &Args) -> PyResult<GcRef> {
    tail_match(args, "startswith", false)
}

fn endswith(args: &Args) -> PyResult<GcRef> {
    tail_match(args, "endswith", true)
}

// ---- ASCII case and predicates ---------------------------------------------------------------

fn mapped(args: &Args, name: &str, map: impl FnOnce(&[u8]) -> Vec<u8>) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    no_args(args, kind.name(), name)?;
    kind.make(&map(&data))
}

fn upper(args: &Args) -> PyResult<GcRef> {
    mapped(args, "upper", <[u8]>::to_ascii_uppercase)
}

fn lower(args: &Args) -> PyResult<GcRef> {
    mapped(args, "lower", <[u8]>::to_ascii_lowercase)
}

fn swapcase(args: &Args) -> PyResult<GcRef> {
    mapped(args, "swapcase", |data| {
        data.iter()
            .map(|&b| {
                if b.is_ascii_uppercase() {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                }
            })
            .collect()
    })
}

fn title(args: &Args) -> PyResult<GcRef> {
    mapped(args, "title", |data| {
        let mut previous_cased = false;
        data.iter()
            .map(|&b| {
                let mapped = if previous_cased {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                };
                previous_cased = b.is_ascii_alphabetic();
                mapped
            })
            .collect()
    })
}

fn capitalize(args: &Args) -> PyResult<GcRef> {
    mapped(args, "capitalize", |data| {
        data.iter()
            .enumerate()
            .map(|(i, &b)| {
                if i == 0 {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn predicate(args: &Args, name: &str, test: impl FnOnce(&[u8]) -> bool) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    no_args(args, kind.name(), name)?;
    Ok(space::bool_(test(&data)))
}

fn all_bytes(args: &Args, name: &str, test: fn(&u8) -> bool) -> PyResult<GcRef> {
    predicate(args, name, |d| !d.is_empty() && d.iter().all(test))
}

fn isdigit(args: &Args) -> PyResult<GcRef> {
    all_bytes(args, "isdigit", u8::is_ascii_digit)
}

fn isalpha(args: &Args) -> PyResult<GcRef> {
    all_bytes(args, "isalpha", u8::is_ascii_alphabetic)
}

fn isalnum(args: &Args) -> PyResult<GcRef> {
    all_bytes(args, "isalnum", u8::is_ascii_alphanumeric)
}

fn isspace(args: &Args) -> PyResult<GcRef> {
    all_bytes(args, "isspace", |&b| is_space(b))
}

fn isascii(args: &Args) -> PyResult<GcRef> {
    predicate(args, "isascii", <[u8]>::is_ascii)
}

fn isupper(args: &Args) -> PyResult<GcRef> {
    predicate(args, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}

fn islower(args: &Args) -> PyResult<GcRef> {
    predicate(args, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}

fn istitle(args: &Args) -> PyResult<GcRef> {
    predicate(args, "istitle", |d| {
        let (mut cased, mut previous_cased) = (false, false);
        for &b in d {
            if b.is_ascii_uppercase() {
                if previous_cased {
                    return false;
                }
                (previous_cased, cased) = (true, true);
            } else if b.is_ascii_lowercase() {
                if !previous_cased {
                    return false;
                }
                (previous_cased, cased) = (true, true);
            } else {
                previous_cased = false;
            }
        }
        cased
    })
}

// ---- padding, partition, tabs, affixes -----------------------------------------------------------

fn pad(args: &Args, name: &str, align: char) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    positional(args, kind.name(), name, 1, 2)?;
    let width = int_arg(args.get(1))?;
    let fill = match args.get_opt(2) {
        None => b' ',
        Some(f) => match crate::objects::bytes::bytes_of(f) {
            Some(d) if d.len() == 1 => d[0],
            _ => {
                return type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    type_name_of(f)
                ))
            }
        },
    };
    crate::types::str::args::check_size(width.max(0) as u128)?;
    let (left, right) = search::padding(data.len(), width, align);
    let mut out = vec![fill; left];
    out.extend_from_slice(&data);
    out.resize(out.len() + right, fill);
    kind.make(&out)
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
    let (data, kind) = receiver(args, "zfill")?;
    let width = int_arg(one_arg(args, kind.name(), "zfill")?)?;
    crate::types::str::args::check_size(width.max(0) as u128)?;
    let fill = (width - data.len() as i64).max(0) as usize;
    let mut out = vec![b'0'; fill];
    match data.first() {
        Some(&sign) if fill > 0 && (sign == b'+' || sign == b'-') => {
            out[0] = sign;
            out.push(b'0');
            out.extend_from_slice(&data[1..]);
        }
        _ => out.extend_from_slice(&data),
    }
    kind.make(&out)
}

fn partition_either(args: &Args, name: &str, reverse: bool) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    let sep = bytes_arg(one_arg(args, kind.name(), name)?)?;
    if sep.is_empty() {
        return value_error("empty separator");
    }
    let found = if reverse {
        search::rfind(&data, &sep)
    } else {
        search::find(&data, &sep)
    };
    let parts: [&[u8]; 3] = match found {
        Some(p) => [&data[..p], &sep, &data[p + sep.len()..]],
        None if reverse => [b"", b"", &data],
        None => [&data, b"", b""],
    };
    let values = [
        kind.make(parts[0])?,
        kind.make(parts[1])?,
        kind.make(parts[2])?,
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
    let (data, kind) = receiver(args, "expandtabs")?;
    let [tabsize] = keywords(args, 1, "expandtabs", ["tabsize"], 0)?;
    let tabsize = match tabsize {
        Some(t) => int_arg(t)?,
        None => 8,
    };
    let tabs = data.iter().filter(|&&b| b == b'\t').count() as u128;
    crate::types::str::args::check_size(tabs * tabsize.max(0) as u128 + data.len() as u128)?;
    kind.make(&search::expandtabs(
        &data,
        tabsize,
        b'\t',
        b' ',
        [b'\n', b'\r'],
    ))
}

fn remove_affix(args: &Args, name: &str, suffix: bool) -> PyResult<GcRef> {
    let (data, kind) = receiver(args, name)?;
    let affix = bytes_arg(one_arg(args, kind.name(), name)?)?;
    let rest = if suffix {
        data.strip_suffix(affix.as_slice())
    } else {
        data.strip_prefix(affix.as_slice())
    };
    kind.make(rest.unwrap_or(&data))
}

fn removeprefix(args: &Args) -> PyResult<GcRef> {
    remove_affix(args, "removeprefix", false)
}

fn removesuffix(args: &Args) -> PyResult<GcRef> {
    remove_affix(args, "removesuffix", true)
}

// ---- printf-style formatting ------------------------------------------------------------------

/// The format with each `%b` turned into the equivalent `%s`, which the shared parser
/// knows (for bytes, `%s` is `%b`).
fn with_b_as_s(format: &[u8]) -> String {
    let mut out: Vec<u8> = format.to_vec();
    let mut i = 0;
    while i < out.len() {
        if out[i] != b'%' {
            i += 1;
            continue;
        }
        i += 1;
        if i < out.len() && out[i] == b'(' {
            let mut depth = 0;
            while i < out.len() {
                match out[i] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
        }
        while i < out.len() && b"-+ #0123456789*.hlL".contains(&out[i]) {
            i += 1;
        }
        if i < out.len() {
            if out[i] == b'b' {
                out[i] = b's';
            }
            i += 1;
        }
    }
    out.iter().map(|&b| b as char).collect()
}

fn latin1(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.chars().map(|c| c as u32 as u8)
}

fn integer_argument(value: GcRef, kind: char) -> PyResult<num_bigint::BigInt> {
    if let Some(i) = int_value(value) {
        return Ok(i.to_big());
    }
    if let Some(f) = value.downcast::<crate::objects::layout::PyFloat>() {
        if matches!(kind, 'd' | 'i' | 'u') {
            let x = f.value();
            if x.is_nan() {
                return value_error("cannot convert float NaN to integer");
            }
            if x.is_infinite() {
                return overflow_error("cannot convert float infinity to integer");
            }
            return Ok(num_traits::FromPrimitive::from_f64(x.trunc()).expect("a finite float"));
        }
    }
    if lookup_name(space::type_of(value), N::index).is_some() {
        return Ok(ops::index_int(value)?.to_big());
    }
    if matches!(kind, 'd' | 'i' | 'u') {
        type_error(format!(
            "%{kind} format: a real number is required, not {}",
            type_name_of(value)
        ))
    } else {
        type_error(format!(
            "%{kind} format: an integer is required, not {}",
            type_name_of(value)
        ))
    }
}

fn float_argument(value: GcRef) -> PyResult<f64> {
    if let Some(f) = value.downcast::<crate::objects::layout::PyFloat>() {
        return Ok(f.value());
    }
    if let Some(i) = int_value(value) {
        return crate::objects::int::value_to_f64(&i);
    }
    if let Some(result) = ops::call_special_or_none(value, N::float_, &[])? {
        if let Some(f) = result.downcast::<crate::objects::layout::PyFloat>() {
            return Ok(f.value());
        }
    }
    type_error(format!(
        "float argument required, not {}",
        type_name_of(value)
    ))
}

/// The bytes of one conversion.
fn convert(value: GcRef, spec: &PercentSpec) -> PyResult<Vec<u8>> {
    let text = match spec.kind {
        's' => {
            let data = match buffer_of(value)? {
                Some(d) => d,
                None => match ops::call_special_or_none(value, N::bytes_, &[])? {
                    Some(r) => bytes_arg(r)?,
                    None => {
                        return type_error(format!(
                            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                            type_name_of(value)
                        ))
                    }
                },
            };
            let text: String = data.iter().map(|&b| b as char).collect();
            format_spec::pad_percent(&text, spec)
        }
        'r' | 'a' => {
            let text = pystr::to_string(crate::builtins::ascii_of(value)?);
            format_spec::pad_percent(&text, spec)
        }
        'c' => {
            let byte = if let Some(d) = crate::objects::bytes::bytes_of(value) {
                if d.len() != 1 {
                    return type_error("%c requires an integer in range(256) or a single byte");
                }
                d[0]
            } else if let Some(v) = int_value(value) {
                match v {
                    IntValue::Small(n) if (0..256).contains(&n) => n as u8,
                    _ => return overflow_error("%c arg not in range(256)"),
                }
            } else {
                return type_error("%c requires an integer in range(256) or a single byte");
            };
            format_spec::pad_percent(&(byte as char).to_string(), spec)
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            format_spec::percent_int(&integer_argument(value, spec.kind)?, spec)
        }
        _ => format_spec::percent_float(float_argument(value)?, spec),
    };
    Ok(latin1(&text).collect())
}

/// `format % values` for bytes and bytearray.
pub fn percent_format(format: &[u8], values: GcRef) -> PyResult<Vec<u8>> {
    let text = with_b_as_s(format);
    let is_tuple = tuple::as_tuple(values).is_some();
    let is_mapping = !is_tuple
        && super::kind_of(values).is_none()
        && pystr::as_str(values).is_none()
        && lookup_name(space::type_of(values), N::getitem).is_some();
    let mut source = if is_tuple {
        Values::Positional {
            items: values,
            next: 0,
        }
    } else if is_mapping {
        Values::Mapping(values)
    } else {
        Values::Positional {
            items: crate::objects::new_tuple(&[values])?,
            next: 0,
        }
    };
    let mut out = Vec::with_capacity(format.len() + 16);
    for piece in format_spec::percent_pieces(&text) {
        let piece = match piece {
            Ok(p) => p,
            Err(message) => return value_error(message),
        };
        match piece {
            PercentPiece::Literal(s) => out.extend(latin1(s)),
            PercentPiece::Spec {
                key,
                mut spec,
                width_star,
                precision_star,
            } => {
                if width_star {
                    spec.set_star_width(star_argument(&mut source)?);
                }
                if precision_star {
                    let p = star_argument(&mut source)?;
                    spec.set_star_precision(p.clamp(i32::MIN as i64, i32::MAX as i64) as i32);
                }
                let value = match key {
                    Some(k) => {
                        let Values::Mapping(m) = source else {
                            return type_error("format requires a mapping");
                        };
                        ops::getitem(m, new_bytes(&latin1(k).collect::<Vec<u8>>())?)?
                    }
                    None => source.next()?,
                };
                out.extend(convert(value, &spec)?);
            }
        }
    }
    if let Values::Positional { items, next } = source {
        if next < tuple::len(items) {
            return type_error("not all arguments converted during bytes formatting");
        }
    }
    Ok(out)
}
