//! The program's output: stdout for the command line, memory for tests. Output is buffered
//! and flushed when the buffer fills and when the run ends. Printing values lives here
//! because it is ordinary Rust: the interpreter calls it without tracing it.

use std::cell::RefCell;
use std::io::Write;

use ferrite::Gc;

use crate::interpreter::Pair;

struct Output {
    sink: Box<dyn Write>,
    buffer: Vec<u8>,
}

thread_local! {
    static OUTPUT: RefCell<Option<Output>> = const { RefCell::new(None) };
}

const BUFFER: usize = 1 << 16;

/// Write the runs on this thread to `sink` until `finish`.
pub fn install(sink: Box<dyn Write>) {
    OUTPUT.with(|output| {
        *output.borrow_mut() = Some(Output {
            sink,
            buffer: Vec::with_capacity(BUFFER),
        })
    });
}

/// Flush what is buffered and give the stream back.
pub fn finish() -> std::io::Result<()> {
    OUTPUT.with(|output| match output.borrow_mut().take() {
        Some(mut output) => {
            output.sink.write_all(&output.buffer)?;
            output.sink.flush()
        }
        None => Ok(()),
    })
}

fn write_bytes(bytes: &[u8]) {
    OUTPUT.with(|output| {
        let mut output = output.borrow_mut();
        let output = output.as_mut().expect("output installed");
        output.buffer.extend_from_slice(bytes);
        if output.buffer.len() >= BUFFER {
            // A closed stdout ends the output; the program runs on (as with `head`).
            let _ = output.sink.write_all(&output.buffer);
            output.buffer.clear();
        }
    })
}

pub fn write_byte(byte: u8) {
    write_bytes(&[byte]);
}

/// Print a value: an integer in decimal, nil as `()`, a list as `(1 2 3)`, a pair whose
/// cdr is not a list as `(1 . 2)`. Iterative, so that long or deeply nested lists cannot
/// overflow the Rust stack. (It allocates nothing on the GC heap, so the handles it keeps
/// in a `Vec` stay valid.)
pub fn write_value(int: i64, reference: Option<Gc<Pair>>, nil: Gc<Pair>) {
    /// What is left to print, innermost last.
    enum Work {
        /// A whole value.
        Value(i64, Option<Gc<Pair>>),
        /// The cdr of a list being printed, after its first element(s).
        Rest(i64, Option<Gc<Pair>>),
    }
    let mut text = String::new();
    let mut work = vec![Work::Value(int, reference)];
    while let Some(item) = work.pop() {
        match item {
            Work::Value(int, None) => text.push_str(&int.to_string()),
            Work::Value(_, Some(pair)) if Gc::ptr_eq(pair, nil) => text.push_str("()"),
            Work::Value(_, Some(pair)) => {
                text.push('(');
                work.push(Work::Rest(pair.cdr(), pair.cdr_ref()));
                work.push(Work::Value(pair.car(), pair.car_ref()));
            }
            Work::Rest(_, Some(pair)) if Gc::ptr_eq(pair, nil) => text.push(')'),
            Work::Rest(_, Some(pair)) => {
                text.push(' ');
                work.push(Work::Rest(pair.cdr(), pair.cdr_ref()));
                work.push(Work::Value(pair.car(), pair.car_ref()));
            }
            Work::Rest(int, None) => {
                text.push_str(" . ");
                text.push_str(&int.to_string());
                text.push(')');
            }
        }
        if text.len() >= BUFFER {
            write_bytes(text.as_bytes());
            text.clear();
        }
    }
    write_bytes(text.as_bytes());
}
