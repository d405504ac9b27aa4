//! "Did you mean: 'x'?" for uncaught NameErrors and AttributeErrors: CPython 3.11's
//! nearest-name search (a Levenshtein distance where a case change costs half a move),
//! with its limits, so the same names are suggested.

use ferrite::{Gc, GcRef};

use crate::objects::layout::*;
use crate::objects::{dict, list, str as pystr};
use crate::runtime::ops;
use crate::runtime::space::*;

const MAX_CANDIDATES: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance of `a` and `b`, or `max_cost + 1` once it must exceed `max_cost`.
fn distance<'a>(mut a: &'a [u8], mut b: &'a [u8], max_cost: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut previous = b_index * MOVE_COST;
        result = previous;
        let mut minimum = usize::MAX;
        for (index, &c) in a.iter().enumerate() {
            let substitute = previous + substitution_cost(code, c);
            previous = row[index];
            let insert_delete = result.min(previous) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate nearest to `name`, if near enough.
fn nearest(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let mut max_distance = (name.len() + candidate.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d - 1);
        }
        let d = distance(name.as_bytes(), candidate.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((candidate, d));
        }
    }
    best.map(|(c, _)| c.clone())
}

fn dict_keys(d: Gc<PyDict>) -> Vec<String> {
    let mut keys = Vec::new();
    let mut position = 0;
    while let Some((k, _, next)) = dict::next_entry(d, position) {
        if k.is::<PyStr>() {
            keys.push(pystr::to_string(k));
        }
        position = next;
    }
    keys
}

fn own_attribute(e: Gc<PyException>, name: &str) -> Option<GcRef> {
    let key = pystr::intern(name).ok()?;
    crate::objects::instance::get_own(e.erase(), key)
        .ok()
        .flatten()
}

/// The suggestion for an exception about to be printed, if any.
pub fn suggestion(e: Gc<PyException>) -> Option<String> {
    let name = own_attribute(e, "name")
        .filter(|n| n.is::<PyStr>())
        .map(pystr::to_string)?;
    if crate::runtime::errors::is_instance_of(e, T_NAME_ERROR) {
        let mut tb = e.traceback().and_then(|t| t.downcast::<PyTraceback>())?;
        while let Some(next) = tb.next() {
            tb = next;
        }
        let frame = tb.frame();
        let code = frame.code();
        let names = code.slot_names();
        let locals: Vec<String> = (0..code.local_count() as usize)
            .filter_map(|i| names.get(i))
            .map(pystr::to_string)
            .collect();
        if let Some(s) = nearest(&locals, &name) {
            return Some(s);
        }
        if let Some(s) = nearest(&dict_keys(frame.globals()), &name) {
            return Some(s);
        }
        return nearest(&dict_keys(frame.builtins()), &name);
    }
    if crate::runtime::errors::is_instance_of(e, T_ATTRIBUTE_ERROR) {
        let object = own_attribute(e, "obj")?;
        let listing =
            ops::call_special_or_none(object, crate::runtime::names::N::dir, &[]).ok()??;
        let names = ops::collect_list(listing).ok()?;
        crate::builtins::sort_list(names, None, false).ok()?;
        let candidates: Vec<String> = (0..list::len(names))
            .map(|i| list::get(names, i))
            .filter(|n| n.is::<PyStr>())
            .map(pystr::to_string)
            .collect();
        return nearest(&candidates, &name);
    }
    None
}
