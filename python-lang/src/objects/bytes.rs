//! `bytes` and `bytearray`: construction and the helpers their methods share.

use ferrite::{Array, Bytes, Gc, GcRef};

use crate::objects::alloc;
use crate::objects::layout::*;
use crate::runtime::errors::PyResult;
use crate::runtime::space;

/// A new `bytes` object.
pub fn new_bytes(data: &[u8]) -> PyResult<GcRef> {
    let data = Bytes::new(data).map_err(|_| space::memory_error())?;
    Ok(alloc(PyBytes { data })?.erase())
}

/// A new `bytearray` holding a copy of `data`.
pub fn new_bytearray(data: &[u8]) -> PyResult<Gc<PyByteArray>> {
    let buffer = Array::new(data.len().max(8), 0u8).map_err(|_| space::memory_error())?;
    for (i, b) in data.iter().enumerate() {
        buffer.set(i, *b);
    }
    alloc(PyByteArray {
        data: buffer,
        length: data.len() as i64,
    })
}

/// The bytes of a `bytes` or `bytearray` (None for other objects).
pub fn bytes_of(object: GcRef) -> Option<Vec<u8>> {
    if let Some(b) = object.downcast::<PyBytes>() {
        return Some(b.data().to_vec());
    }
    if let Some(b) = object.downcast::<PyByteArray>() {
        let n = b.length() as usize;
        let data = b.data();
        return Some((0..n).map(|i| data.get(i)).collect());
    }
    match object.downcast::<PyInstance>().and_then(|i| i.base()) {
        Some(base) => bytes_of(base),
        None => None,
    }
}

/// `repr()` of bytes: `b'...'` with CPython's escapes and quote choice.
pub fn repr_bytes(data: &[u8], prefix: &str) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push_str(prefix);
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}
