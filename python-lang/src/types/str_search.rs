//! The searching, splitting and padding algorithms `str`, `bytes` and `bytearray` share,
//! as CPython's `stringlib` shares them: written once over slices of units (`u8` for
//! bytes and for a string's UTF-8, `char` where a string is walked by character), so
//! the types differ only in how they turn units back into objects. Results are unit
//! ranges `(start, end)` into the input.

/// Python's `ADJUST_INDICES`: clamp a `[start:end]` pair (None meaning the whole) to
/// `0..=len`, counting negative values from the end. `start` may come out beyond `end`
/// (or even `len`), which the callers treat as an empty window.
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start as usize, end as usize)
}

/// The first occurrence of `needle` in `hay`.
pub fn find<T: Copy + PartialEq>(hay: &[T], needle: &[T]) -> Option<usize> {
    let Some(&first) = needle.first() else {
        return Some(0);
    };
    if needle.len() > hay.len() {
        return None;
    }
    let last_start = hay.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let offset = hay[i..=last_start].iter().position(|&u| u == first)?;
        i += offset;
        if hay[i..i + needle.len()] == *needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The last occurrence of `needle` in `hay`.
pub fn rfind<T: Copy + PartialEq>(hay: &[T], needle: &[T]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()] == *needle)
}

/// How many non-overlapping occurrences of a non-empty `needle` (at most `limit`).
pub fn count<T: Copy + PartialEq>(hay: &[T], needle: &[T], limit: usize) -> usize {
    debug_assert!(!needle.is_empty());
    let mut n = 0;
    let mut i = 0;
    while n < limit {
        match find(&hay[i..], needle) {
            Some(p) => {
                n += 1;
                i += p + needle.len();
            }
            None => break,
        }
    }
    n
}

/// `hay.split(sep, maxsplit)` for a non-empty `sep` (a negative `maxsplit` is no limit).
pub fn split<T: Copy + PartialEq>(hay: &[T], sep: &[T], maxsplit: i64) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut i = 0;
    while left > 0 {
        let Some(p) = find(&hay[i..], sep) else {
            break;
        };
        parts.push((i, i + p));
        i += p + sep.len();
        left -= 1;
    }
    parts.push((i, hay.len()));
    parts
}

/// `hay.rsplit(sep, maxsplit)` for a non-empty `sep`.
pub fn rsplit<T: Copy + PartialEq>(hay: &[T], sep: &[T], maxsplit: i64) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut end = hay.len();
    while left > 0 {
        let Some(p) = rfind(&hay[..end], sep) else {
            break;
        };
        parts.push((p + sep.len(), end));
        end = p;
        left -= 1;
    }
    parts.push((0, end));
    parts.reverse();
    parts
}

/// `split()` with no separator: runs of non-space units, leading and trailing space
/// dropped; after `maxsplit` splits the rest (less its leading space) is one part.
pub fn split_whitespace<T: Copy>(
    units: &[T],
    maxsplit: i64,
    is_space: impl Fn(T) -> bool,
) -> Vec<(usize, usize)> {
    let len = units.len();
    let mut parts = Vec::new();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let mut i = 0;
    while left > 0 {
        while i < len && is_space(units[i]) {
            i += 1;
        }
        if i == len {
            return parts;
        }
        let start = i;
        while i < len && !is_space(units[i]) {
            i += 1;
        }
        parts.push((start, i));
        left -= 1;
    }
    while i < len && is_space(units[i]) {
        i += 1;
    }
    if i < len {
        parts.push((i, len));
    }
    parts
}

/// `rsplit()` with no separator.
pub fn rsplit_whitespace<T: Copy>(
    units: &[T],
    maxsplit: i64,
    is_space: impl Fn(T) -> bool,
) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    // `end` is one past the unit being looked at.
    let mut end = units.len();
    while left > 0 {
        while end > 0 && is_space(units[end - 1]) {
            end -= 1;
        }
        if end == 0 {
            break;
        }
        let stop = end;
        while end > 0 && !is_space(units[end - 1]) {
            end -= 1;
        }
        parts.push((end, stop));
        left -= 1;
    }
    while end > 0 && is_space(units[end - 1]) {
        end -= 1;
    }
    if end > 0 {
        parts.push((0, end));
    }
    parts.reverse();
    parts
}

/// `splitlines(keepends)`: a "\r\n" pair is one line break.
pub fn splitlines<T: Copy + PartialEq>(
    units: &[T],
    keepends: bool,
    is_break: impl Fn(T) -> bool,
    cr: T,
    lf: T,
) -> Vec<(usize, usize)> {
    let len = units.len();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < len {
        let start = i;
        while i < len && !is_break(units[i]) {
            i += 1;
        }
        let mut eol = i;
        if i < len {
            if units[i] == cr && i + 1 < len && units[i + 1] == lf {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        lines.push((start, eol));
    }
    lines
}

/// The range left after stripping units for which `strip` holds from the chosen ends.
pub fn strip_range<T: Copy>(
    units: &[T],
    left: bool,
    right: bool,
    strip: impl Fn(T) -> bool,
) -> (usize, usize) {
    let mut start = 0;
    let mut end = units.len();
    if left {
        while start < end && strip(units[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && strip(units[end - 1]) {
            end -= 1;
        }
    }
    (start, end)
}

/// `replace(old, new, count)` for a non-empty `old` (a negative count replaces all).
pub fn replace<T: Copy + PartialEq>(hay: &[T], old: &[T], new: &[T], count: i64) -> Vec<T> {
    let mut out = Vec::with_capacity(hay.len());
    let mut left = if count < 0 { i64::MAX } else { count };
    let mut i = 0;
    while left > 0 {
        let Some(p) = find(&hay[i..], old) else {
            break;
        };
        out.extend_from_slice(&hay[i..i + p]);
        out.extend_from_slice(new);
        i += p + old.len();
        left -= 1;
    }
    out.extend_from_slice(&hay[i..]);
    out
}

/// `replace("", new, count)`: `new` before each unit and at the end, `count` times.
pub fn replace_empty<T: Copy>(hay: &[T], new: &[T], count: i64) -> Vec<T> {
    let mut left = if count < 0 { i64::MAX } else { count };
    let mut out = Vec::with_capacity(hay.len() + new.len() * (hay.len() + 1));
    for &u in hay {
        if left > 0 {
            out.extend_from_slice(new);
            left -= 1;
        }
        out.push(u);
    }
    if left > 0 {
        out.extend_from_slice(new);
    }
    out
}

/// `center`/`ljust`/`rjust`: how many fill units go left and right for `width`.
pub fn padding(len: usize, width: i64, align: char) -> (usize, usize) {
    let marg = (width - len as i64).max(0) as usize;
    match align {
        '<' => (0, marg),
        '>' => (marg, 0),
        // CPython's rounding: the odd unit goes left when the width is odd.
        _ => {
            let left = marg / 2 + (marg & (width as usize) & 1);
            (left, marg - left)
        }
    }
}

/// `expandtabs(tabsize)`: tabs to spaces up to the next multiple of `tabsize`; the
/// column restarts after "\n" and "\r".
pub fn expandtabs<T: Copy + PartialEq>(
    units: &[T],
    tabsize: i64,
    tab: T,
    space: T,
    newline: [T; 2],
) -> Vec<T> {
    let mut out = Vec::with_capacity(units.len());
    let mut column: i64 = 0;
    for &u in units {
        if u == tab {
            if tabsize > 0 {
                let n = tabsize - column % tabsize;
                column += n;
                out.extend(std::iter::repeat_n(space, n as usize));
            }
        } else {
            column += 1;
            out.push(u);
            if newline.contains(&u) {
                column = 0;
            }
        }
    }
    out
}
