//! `range` and `slice` helpers.

use ferrite::{Gc, GcRef};

use crate::objects::alloc;
use crate::objects::layout::*;
use crate::runtime::errors::{value_error, PyResult};

pub fn new_range(start: i64, stop: i64, step: i64) -> PyResult<GcRef> {
    if step == 0 {
        return value_error("range() arg 3 must not be zero");
    }
    let length = range_length(start, stop, step);
    Ok(alloc(PyRange {
        start,
        stop,
        step,
        length,
    })?
    .erase())
}

pub fn range_length(start: i64, stop: i64, step: i64) -> i64 {
    // Word arithmetic when the distance fits (it always does for slices of a sequence).
    if step > 0 && start < stop {
        if let Some(distance) = stop.checked_sub(start) {
            return (distance - 1) / step + 1;
        }
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        if let (Some(distance), Some(stride)) = (start.checked_sub(stop), step.checked_neg()) {
            return (distance - 1) / stride + 1;
        }
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

pub fn item(r: Gc<PyRange>, index: i64) -> i64 {
    r.start() + index * r.step()
}

/// Resolve a slice against a sequence length: (start, stop, step, count), as
/// `slice.indices` does.
pub fn slice_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    length: i64,
) -> PyResult<(i64, i64, i64, i64)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return value_error("slice step cannot be zero");
    }
    let (lower, upper) = if step < 0 {
        (-1, length - 1)
    } else {
        (0, length)
    };
    let clamp = |value: Option<i64>, default: i64| -> i64 {
        match value {
            None => default,
            Some(v) if v < 0 => (v + length).max(lower),
            Some(v) => v.min(upper),
        }
    };
    let start = clamp(start, if step < 0 { upper } else { lower });
    let stop = clamp(stop, if step < 0 { lower } else { upper });
    let count = range_length(start, stop, step);
    Ok((start, stop, step, count))
}
