//! The program's input and output: stdin/stdout for the command line, memory for tests.
//! Output is buffered and flushed when the buffer fills and when the run ends.

use std::cell::RefCell;
use std::io::{Read, Write};

struct Io {
    input: Box<dyn Read>,
    output: Box<dyn Write>,
    buffer: Vec<u8>,
}

thread_local! {
    static IO: RefCell<Option<Io>> = const { RefCell::new(None) };
}

const BUFFER: usize = 1 << 16;

/// Use `input` and `output` for the runs on this thread until `finish`.
pub fn install(input: Box<dyn Read>, output: Box<dyn Write>) {
    IO.with(|io| {
        *io.borrow_mut() = Some(Io {
            input,
            output,
            buffer: Vec::with_capacity(BUFFER),
        })
    });
}

/// Flush what is buffered and give the streams back.
pub fn finish() -> std::io::Result<()> {
    IO.with(|io| match io.borrow_mut().take() {
        Some(mut io) => {
            io.output.write_all(&io.buffer)?;
            io.output.flush()
        }
        None => Ok(()),
    })
}

pub fn write_byte(byte: u8) {
    IO.with(|io| {
        let mut io = io.borrow_mut();
        let io = io.as_mut().expect("io installed");
        io.buffer.push(byte);
        if io.buffer.len() >= BUFFER {
            let buffer = std::mem::take(&mut io.buffer);
            // A closed stdout ends the output; the program runs on (as with `head`).
            let _ = io.output.write_all(&buffer);
            io.buffer = buffer;
            io.buffer.clear();
        }
    })
}

pub fn read_byte() -> Option<u8> {
    IO.with(|io| {
        let mut io = io.borrow_mut();
        let io = io.as_mut().expect("io installed");
        let mut byte = [0u8];
        match io.input.read(&mut byte) {
            Ok(1) => Some(byte[0]),
            _ => None,
        }
    })
}
