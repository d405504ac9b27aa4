//! The state behind the file objects `open()` returns: the OS file, the read-ahead and
//! write buffers, and a text file's decoder. That is Rust-owned memory, which the GC heap
//! cannot hold, so it lives in a table on the interpreter's thread; a file object (see
//! `types::file`) holds its index, and gives it up when closed.
//!
//! A text file decodes what it reads a chunk (8 KiB, as CPython's `TextIOWrapper`) at a
//! time into `pending`, translating line endings. `tell()` is the position of the next
//! character: the chunk's start plus the bytes that decode to the text already returned,
//! found by walking the chunk one unit (character or undecodable sequence) at a time.
//!
//! Files nobody closes stay open until the program ends (there are no finalizers);
//! `flush_all` writes their buffers out then.

use std::cell::RefCell;
use std::fs::File;
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::fd::{AsRawFd, IntoRawFd};

use crate::objects::layout::PyException;
use crate::runtime::errors::*;
use crate::types::str::codecs as str_codecs;

/// How much a read asks the OS for at a time, and how much writing is buffered.
pub const CHUNK: usize = 8192;

/// A text file's `newline` argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Newline {
    /// `None`: lines end at `\n`, `\r` or `\r\n`, each read as `\n`.
    Translate,
    /// `''`: lines end at any of the three, which are kept as they are.
    Universal,
    /// `'\n'`, `'\r'`, `'\r\n'`: lines end only there; a written `\n` becomes it.
    Lf,
    Cr,
    CrLf,
}

/// Bits of `Text::seen`: the line endings read so far, for `newlines`.
pub const SEEN_CR: u8 = 1;
pub const SEEN_LF: u8 = 2;
pub const SEEN_CRLF: u8 = 4;

/// What a text file's `tell()` gives: a byte position, and how many characters of the
/// unit starting there were already read (nonzero only when an error handler turned one
/// undecodable sequence into several characters and a read stopped among them).
pub struct Cookie {
    pub position: u64,
    pub skip: usize,
}

pub struct Text {
    /// The canonical codec name (`str_codecs::canonical_name`).
    codec: &'static str,
    /// The codec decoding uses now: reading a BOM fixes `utf-16`'s byte order, and only
    /// the file's start has a BOM.
    decoder: &'static str,
    pub errors: String,
    pub newline: Newline,
    /// Decoded text; `pending[taken..]` has not been returned yet.
    pending: String,
    taken: usize,
    /// The bytes decoded into `pending`, which start at file position `chunk_start`
    /// (unknown until the first read after a write, when `positioned` is false).
    chunk: Vec<u8>,
    chunk_start: u64,
    positioned: bool,
    /// Whether `pending` is `chunk` byte for byte (UTF-8 without errors or translated
    /// line endings): then a position in one is the same position in the other.
    identical: bool,
    /// Bytes read after `chunk` that cannot be decoded yet: an incomplete character, or
    /// a `\r` whose `\n` may follow.
    leftover: Vec<u8>,
    eof: bool,
    /// `SEEN_*` bits.
    pub seen: u8,
    /// False while `next()` iterates the file (`tell()` refuses then, as CPython's does).
    pub telling: bool,
    /// Whether the next write starts with the codec's byte order mark.
    bom_pending: bool,
}

pub struct OpenFile {
    file: File,
    /// A copy of descriptor 0, 1 or 2: what is printed to `sys.stdout` goes out first.
    console: bool,
    /// Whether closing the file closes its descriptor.
    pub closefd: bool,
    pub seekable: bool,
    /// `buffering=0` (a `FileIO`): every read and write goes straight to the OS.
    raw: bool,
    pub line_buffering: bool,
    read_buffer: Vec<u8>,
    read_at: usize,
    write_buffer: Vec<u8>,
    pub text: Option<Box<Text>>,
}

/// The codecs whose encoded text starts with a byte order mark.
fn has_bom(codec: &str) -> bool {
    matches!(codec, "utf-8-sig" | "utf-16" | "utf-32")
}

/// The codec for the text after the start of the file (no byte order mark).
fn bomless(codec: &'static str) -> &'static str {
    match codec {
        "utf-8-sig" => "utf-8",
        "utf-16" => "utf-16-le",
        "utf-32" => "utf-32-le",
        other => other,
    }
}

/// How many bytes one code unit of `codec` has.
fn unit_width(codec: &str) -> usize {
    if codec.starts_with("utf-16") {
        2
    } else if codec.starts_with("utf-32") {
        4
    } else {
        1
    }
}

/// The length of the byte order mark `data` starts with, for `codec` at the file's start.
fn bom_length(codec: &str, data: &[u8]) -> usize {
    match codec {
        "utf-8-sig" if data.starts_with(b"\xef\xbb\xbf") => 3,
        "utf-16" if data.starts_with(b"\xff\xfe") || data.starts_with(b"\xfe\xff") => 2,
        "utf-32" if data.starts_with(b"\xff\xfe\0\0") || data.starts_with(b"\0\0\xfe\xff") => 4,
        _ => 0,
    }
}

/// How much of `data` can be decoded now: all of it at the end of the file, else up to
/// an incomplete character at its end.
fn complete_prefix(codec: &str, data: &[u8], eof: bool) -> usize {
    let n = data.len();
    if eof {
        return n;
    }
    match unit_width(codec) {
        2 => {
            let even = n & !1;
            let high = |at: usize| {
                let pair = [data[at], data[at + 1]];
                let unit = if codec == "utf-16-be" {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                };
                (0xd800..0xdc00).contains(&unit)
            };
            if even >= 2 && high(even - 2) {
                even - 2
            } else {
                even
            }
        }
        4 => n & !3,
        _ if codec.starts_with("utf-8") => {
            for back in 1..=n.min(3) {
                let b = data[n - back];
                if (0x80..0xc0).contains(&b) {
                    continue;
                }
                let need = match b {
                    0xc2..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf4 => 4,
                    _ => 1,
                };
                return if need > back { n - back } else { n };
            }
            n
        }
        _ => n,
    }
}

/// The length of the unit `rest` starts with: one character, or one sequence the codec
/// reports as an error (as `str_codecs::decode` splits them).
fn unit_length(codec: &str, rest: &[u8]) -> usize {
    match unit_width(codec) {
        2 => {
            if rest.len() < 2 {
                return rest.len();
            }
            let big = codec == "utf-16-be";
            let unit = |at: usize| {
                let pair = [rest[at], rest[at + 1]];
                if big {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            };
            if !(0xd800..0xdc00).contains(&unit(0)) {
                return 2;
            }
            if rest.len() < 4 {
                return rest.len();
            }
            if (0xdc00..0xe000).contains(&unit(2)) {
                4
            } else {
                2
            }
        }
        4 => rest.len().min(4),
        _ if codec.starts_with("utf-8") => {
            let want = match rest[0] {
                0x00..=0x7f => return 1,
                0xc2..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf4 => 4,
                _ => return 1,
            };
            let take = want.min(rest.len());
            match std::str::from_utf8(&rest[..take]) {
                Ok(_) => take,
                Err(e) => e.error_len().unwrap_or(rest.len()).max(1),
            }
        }
        _ => 1,
    }
}

/// A retried read: `Interrupted` is not an error.
fn read_some(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match file.read(buffer) {
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn io_error(error: std::io::Error) -> ferrite::Gc<PyException> {
    os_error(&error, None)
}

impl Text {
    pub fn new(codec: &'static str, errors: String, newline: Newline) -> Text {
        Text {
            codec,
            decoder: codec,
            errors,
            newline,
            pending: String::new(),
            taken: 0,
            chunk: Vec::new(),
            chunk_start: 0,
            positioned: false,
            identical: true,
            leftover: Vec::new(),
            eof: false,
            seen: 0,
            telling: true,
            bom_pending: has_bom(codec),
        }
    }

    /// Forget what was read ahead; the next read starts at `position` (None: wherever
    /// the OS file is then).
    fn reset(&mut self, position: Option<u64>) {
        self.pending.clear();
        self.taken = 0;
        self.chunk.clear();
        self.identical = true;
        self.leftover.clear();
        self.eof = false;
        self.positioned = position.is_some();
        self.chunk_start = position.unwrap_or(0);
        if position == Some(0) {
            self.decoder = self.codec;
            self.bom_pending = has_bom(self.codec);
        } else if position.is_some() {
            self.decoder = bomless(self.decoder);
            self.bom_pending = false;
        }
    }

    fn has_read_ahead(&self) -> bool {
        self.taken < self.pending.len() || !self.leftover.is_empty()
    }

    /// The unread text.
    fn unread(&self) -> &str {
        &self.pending[self.taken..]
    }

    /// Decode `bytes` (a unit) as this file's text decodes it.
    fn decode_unit<'a>(&self, bytes: &'a [u8]) -> PyResult<std::borrow::Cow<'a, str>> {
        if self.decoder.starts_with("utf-8") {
            if let Ok(text) = std::str::from_utf8(bytes) {
                return Ok(std::borrow::Cow::Borrowed(text));
            }
        }
        str_codecs::decode(bytes, self.decoder, &self.errors).map(std::borrow::Cow::Owned)
    }

    /// Where the first `target` bytes of `pending` came from: the number of bytes of
    /// `chunk` that decode to them, or (when `target` falls inside what one unit decodes
    /// to) that unit's offset and how many of its characters are before `target`.
    fn raw_offset(&self, target: usize) -> PyResult<Cookie> {
        if self.identical {
            return Ok(Cookie {
                position: self.chunk_start + target as u64,
                skip: 0,
            });
        }
        let raw = &self.chunk;
        let mut at = if self.chunk_start == 0 {
            bom_length(self.codec, raw)
        } else {
            0
        };
        let mut out = 0;
        let translate = self.newline == Newline::Translate;
        while out < target && at < raw.len() {
            let length = unit_length(self.decoder, &raw[at..]);
            let piece = self.decode_unit(&raw[at..at + length])?;
            let mut consumed = length;
            let produced = piece.len();
            if translate && piece == "\r" && at + length < raw.len() {
                let next = unit_length(self.decoder, &raw[at + length..]);
                if self.decode_unit(&raw[at + length..at + length + next])? == "\n" {
                    consumed += next;
                }
            }
            if out + produced > target {
                let skip = self.pending[out..target].chars().count();
                return Ok(Cookie {
                    position: self.chunk_start + at as u64,
                    skip,
                });
            }
            out += produced;
            at += consumed;
        }
        Ok(Cookie {
            position: self.chunk_start + at as u64,
            skip: 0,
        })
    }

    /// Drop the text already returned (and the bytes it came from) from the buffers.
    fn compact(&mut self) -> PyResult<()> {
        if self.taken == 0 {
            return Ok(());
        }
        if self.taken == self.pending.len() {
            self.chunk_start += self.chunk.len() as u64;
            self.chunk.clear();
            self.identical = true;
            self.pending.clear();
            self.taken = 0;
            return Ok(());
        }
        let cookie = self.raw_offset(self.taken)?;
        if cookie.skip == 0 {
            let raw = (cookie.position - self.chunk_start) as usize;
            self.chunk.drain(..raw);
            self.chunk_start = cookie.position;
            self.pending.drain(..self.taken);
            self.taken = 0;
        }
        Ok(())
    }

    /// Decode newly read `data` (after `leftover`) into `pending`.
    fn take_in(&mut self, data: &[u8]) -> PyResult<()> {
        let mut input = std::mem::take(&mut self.leftover);
        input.extend_from_slice(data);
        let mut cut = complete_prefix(self.decoder, &input, self.eof);
        if cut == 0 {
            self.leftover = input;
            return Ok(());
        }
        let mut text = str_codecs::decode(&input[..cut], self.decoder, &self.errors)?;
        if self.chunk_start == 0 && self.chunk.is_empty() {
            // The start of the file: a byte order mark fixes the byte order.
            self.decoder = match (self.decoder, input.get(..2)) {
                ("utf-16", Some(b"\xfe\xff")) => "utf-16-be",
                ("utf-32", _) if input.starts_with(b"\0\0\xfe\xff") => "utf-32-be",
                (codec, _) => bomless(codec),
            };
        }
        let universal = matches!(
            self.newline,
            Newline::Translate | Newline::Universal | Newline::CrLf
        );
        if universal && !self.eof && text.ends_with('\r') {
            text.pop();
            cut -= unit_width(self.decoder);
        }
        if matches!(self.newline, Newline::Translate | Newline::Universal) && text.contains('\r') {
            let crlf = text.matches("\r\n").count();
            if crlf > 0 {
                self.seen |= SEEN_CRLF;
            }
            if text.matches('\r').count() > crlf {
                self.seen |= SEEN_CR;
            }
            if text.matches('\n').count() > crlf {
                self.seen |= SEEN_LF;
            }
            if self.newline == Newline::Translate {
                text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
        } else if matches!(self.newline, Newline::Translate | Newline::Universal)
            && text.contains('\n')
        {
            self.seen |= SEEN_LF;
        }
        let bom = if self.chunk_start == 0 && self.chunk.is_empty() {
            bom_length(self.codec, &input[..cut])
        } else {
            0
        };
        self.identical &= bom == 0 && text.as_bytes() == &input[..cut];
        self.chunk.extend_from_slice(&input[..cut]);
        self.leftover = input[cut..].to_vec();
        self.pending.push_str(&text);
        Ok(())
    }

    /// Take the next `bytes` bytes of `pending`.
    fn take(&mut self, bytes: usize) -> String {
        let text = self.pending[self.taken..self.taken + bytes].to_string();
        self.taken += bytes;
        text
    }

    /// Where the line starting at `taken` ends in `pending` (searching from `from`), if
    /// its end has been read.
    fn line_end(&self, from: usize) -> Option<usize> {
        let rest = &self.pending.as_bytes()[from..];
        let found = match self.newline {
            Newline::Translate | Newline::Lf => rest.iter().position(|&b| b == b'\n')? + 1,
            Newline::Cr => rest.iter().position(|&b| b == b'\r')? + 1,
            Newline::CrLf => rest.windows(2).position(|w| w == b"\r\n")? + 2,
            Newline::Universal => {
                let at = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
                if rest[at] == b'\r' && rest.get(at + 1) == Some(&b'\n') {
                    at + 2
                } else {
                    at + 1
                }
            }
        };
        Some(from + found)
    }

    /// The byte length of the first `chars` characters of the unread text, if it has
    /// that many.
    fn chars_length(&self, chars: usize) -> Option<usize> {
        let unread = self.unread();
        if chars == 0 {
            return Some(0);
        }
        match unread.char_indices().nth(chars) {
            Some((at, _)) => Some(at),
            None if unread.chars().count() == chars => Some(unread.len()),
            None => None,
        }
    }
}

impl OpenFile {
    pub fn new(file: File, raw: bool) -> OpenFile {
        let mut file = file;
        let seekable = file.stream_position().is_ok();
        OpenFile {
            file,
            console: false,
            closefd: true,
            seekable,
            raw,
            line_buffering: false,
            read_buffer: Vec::new(),
            read_at: 0,
            write_buffer: Vec::new(),
            text: None,
        }
    }

    /// A file on a copy of descriptor 0, 1 or 2.
    pub fn set_console(&mut self) {
        self.console = true;
    }

    pub fn fileno(&self) -> i64 {
        self.file.as_raw_fd() as i64
    }

    pub fn isatty(&self) -> bool {
        use std::io::IsTerminal;
        self.file.is_terminal()
    }

    /// A second handle on the same open file (`open(f.fileno())`).
    pub fn duplicate(&self) -> std::io::Result<File> {
        self.file.try_clone()
    }

    /// Start a text file's encoder where the file is: no byte order mark past the start.
    pub fn position_encoder(&mut self) {
        let at_start = self.file.stream_position().is_ok_and(|p| p == 0) || !self.seekable;
        if let Some(text) = &mut self.text {
            text.bom_pending &= at_start;
        }
    }

    /// Write out buffered writes.
    pub fn flush(&mut self) -> PyResult<()> {
        if self.write_buffer.is_empty() {
            return Ok(());
        }
        if self.console {
            crate::builtins::functions::flush_stdout();
        }
        let result = self.file.write_all(&self.write_buffer);
        self.write_buffer.clear();
        result.map_err(io_error)
    }

    /// Before a read: buffered writes go out first.
    fn start_reading(&mut self) -> PyResult<()> {
        self.flush()
    }

    /// Before a write: bytes read ahead are given back, so the write lands where reading
    /// stopped (a text file's decoded read-ahead is dropped, as CPython's is).
    fn start_writing(&mut self) -> PyResult<()> {
        let unread = self.read_buffer.len() - self.read_at;
        if unread > 0 && self.seekable {
            self.file
                .seek(SeekFrom::Current(-(unread as i64)))
                .map_err(io_error)?;
        }
        self.read_buffer.clear();
        self.read_at = 0;
        if let Some(text) = &mut self.text {
            text.reset(None);
        }
        Ok(())
    }

    fn write_out(&mut self, data: &[u8]) -> PyResult<()> {
        self.start_writing()?;
        self.write_buffer.extend_from_slice(data);
        if self.raw || self.write_buffer.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    // ---- binary files ------------------------------------------------------------------

    /// Read more bytes into the read-ahead buffer; false at the end of the file.
    fn fill_bytes(&mut self, at_least: usize) -> PyResult<bool> {
        if self.read_at > 0 {
            self.read_buffer.drain(..self.read_at);
            self.read_at = 0;
        }
        let old = self.read_buffer.len();
        // Large reads come in pieces of at most 1 MiB (a huge size is only a limit).
        self.read_buffer
            .resize(old + at_least.clamp(CHUNK, 1 << 20), 0);
        let result = read_some(&mut self.file, &mut self.read_buffer[old..]);
        let n = *result.as_ref().unwrap_or(&0);
        self.read_buffer.truncate(old + n);
        result.map_err(io_error)?;
        Ok(n > 0)
    }

    fn buffered(&self) -> usize {
        self.read_buffer.len() - self.read_at
    }

    fn take_bytes(&mut self, n: usize) -> Vec<u8> {
        let n = n.min(self.buffered());
        let data = self.read_buffer[self.read_at..self.read_at + n].to_vec();
        self.read_at += n;
        data
    }

    /// `read(size)` of a binary file (None: to the end).
    pub fn read_bytes(&mut self, size: Option<usize>) -> PyResult<Vec<u8>> {
        self.start_reading()?;
        if self.raw {
            let mut data = Vec::new();
            match size {
                None => {
                    self.file.read_to_end(&mut data).map_err(io_error)?;
                }
                Some(n) => {
                    // One read of at most `n` bytes (a huge `n` is only a limit).
                    data.resize(n.min(1 << 24), 0);
                    let got = read_some(&mut self.file, &mut data).map_err(io_error)?;
                    data.truncate(got);
                }
            }
            return Ok(data);
        }
        match size {
            None => {
                let mut data = self.take_bytes(self.buffered());
                self.file.read_to_end(&mut data).map_err(io_error)?;
                Ok(data)
            }
            Some(n) => {
                while self.buffered() < n {
                    if !self.fill_bytes(n - self.buffered())? {
                        break;
                    }
                }
                Ok(self.take_bytes(n))
            }
        }
    }

    /// `readline(size)` of a binary file.
    pub fn readline_bytes(&mut self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        self.start_reading()?;
        let limit = limit.unwrap_or(usize::MAX);
        if self.raw {
            // An unbuffered file reads a byte at a time, so it never reads past the line.
            let mut line = Vec::new();
            let mut byte = [0u8];
            while line.len() < limit && line.last() != Some(&b'\n') {
                if read_some(&mut self.file, &mut byte).map_err(io_error)? == 0 {
                    break;
                }
                line.push(byte[0]);
            }
            return Ok(line);
        }
        let mut searched = 0;
        loop {
            let unread = &self.read_buffer[self.read_at..];
            if let Some(at) = unread[searched..].iter().position(|&b| b == b'\n') {
                return Ok(self.take_bytes((searched + at + 1).min(limit)));
            }
            if unread.len() >= limit {
                return Ok(self.take_bytes(limit));
            }
            searched = unread.len();
            if !self.fill_bytes(CHUNK)? {
                return Ok(self.take_bytes(limit));
            }
        }
    }

    /// `write(data)` of a binary file.
    pub fn write_bytes(&mut self, data: &[u8]) -> PyResult<()> {
        self.write_out(data)
    }

    // ---- text files --------------------------------------------------------------------

    fn text_mut(&mut self) -> &mut Text {
        self.text.as_mut().expect("a text file")
    }

    /// Read and decode another chunk; false at the end of the file.
    fn fill_text(&mut self) -> PyResult<bool> {
        self.text_mut().compact()?;
        if !self.text_mut().positioned {
            let position = self.file.stream_position().unwrap_or(0);
            let text = self.text_mut();
            text.chunk_start = position;
            text.positioned = true;
        }
        if self.text_mut().eof {
            return Ok(false);
        }
        let mut data = vec![0u8; CHUNK];
        let n = read_some(&mut self.file, &mut data).map_err(io_error)?;
        data.truncate(n);
        let text = self.text_mut();
        text.eof = n == 0;
        text.take_in(&data)?;
        Ok(true)
    }

    /// `read(size)` of a text file, in characters (None: to the end).
    pub fn read_text(&mut self, size: Option<usize>) -> PyResult<String> {
        self.start_reading()?;
        loop {
            let text = self.text_mut();
            let length = match size {
                Some(n) => text.chars_length(n),
                None => None,
            };
            if let Some(length) = length {
                return Ok(text.take(length));
            }
            if text.eof {
                let rest = text.unread().len();
                return Ok(text.take(rest));
            }
            self.fill_text()?;
        }
    }

    /// `readline(size)` of a text file.
    pub fn readline_text(&mut self, limit: Option<usize>) -> PyResult<String> {
        self.start_reading()?;
        let mut searched = 0;
        loop {
            let text = self.text_mut();
            let end = text.line_end(text.taken + searched);
            let candidate = match end {
                Some(end) => Some(end - text.taken),
                None if text.eof => Some(text.unread().len()),
                None => None,
            };
            if let Some(limit) = limit {
                if let Some(length) = text.chars_length(limit) {
                    if candidate.is_none_or(|c| c > length) {
                        return Ok(text.take(length));
                    }
                }
            }
            if let Some(length) = candidate {
                return Ok(text.take(length));
            }
            // Search the new text only (a `\r\n` may straddle it, so back up one byte).
            searched = text.unread().len().saturating_sub(1);
            self.fill_text()?;
        }
    }

    /// `write(s)` of a text file: translate line endings, encode, buffer.
    pub fn write_text(&mut self, s: &str, object: ferrite::GcRef) -> PyResult<()> {
        let text = self.text.as_mut().expect("a text file");
        let translated;
        let s = match text.newline {
            Newline::Cr if s.contains('\n') => {
                translated = s.replace('\n', "\r");
                translated.as_str()
            }
            Newline::CrLf if s.contains('\n') => {
                translated = s.replace('\n', "\r\n");
                translated.as_str()
            }
            _ => s,
        };
        let codec = if text.bom_pending {
            text.codec
        } else {
            bomless(text.codec)
        };
        let data = str_codecs::encode(object, s, codec, &text.errors)?;
        if !data.is_empty() {
            text.bom_pending = false;
        }
        let line_end = self.line_buffering && (s.contains('\n') || s.contains('\r'));
        self.write_out(&data)?;
        if line_end {
            self.flush()?;
        }
        Ok(())
    }

    // ---- positions ---------------------------------------------------------------------

    /// `tell()` of a binary file.
    pub fn tell_bytes(&mut self) -> PyResult<u64> {
        self.flush()?;
        let position = self.file.stream_position().map_err(io_error)?;
        Ok(position - self.buffered() as u64)
    }

    /// `tell()` of a text file.
    pub fn tell_text(&mut self) -> PyResult<Cookie> {
        self.flush()?;
        let ahead = self.text_mut().has_read_ahead();
        if !ahead {
            let position = self.file.stream_position().map_err(io_error)?;
            return Ok(Cookie { position, skip: 0 });
        }
        let text = self.text_mut();
        text.raw_offset(text.taken)
    }

    /// `seek(offset, whence)` on the OS file; the buffers are emptied first. Returns the
    /// new position.
    pub fn seek(&mut self, to: SeekFrom) -> PyResult<u64> {
        self.flush()?;
        let to = match to {
            // A binary file's position is behind the OS file's by what is read ahead.
            SeekFrom::Current(offset) => SeekFrom::Current(offset - self.buffered() as i64),
            other => other,
        };
        let position = self.file.seek(to).map_err(io_error)?;
        self.read_buffer.clear();
        self.read_at = 0;
        if let Some(text) = &mut self.text {
            text.reset(Some(position));
        }
        Ok(position)
    }

    /// `seek(cookie)` of a text file: to a position `tell()` gave.
    pub fn seek_text(&mut self, cookie: Cookie) -> PyResult<u64> {
        let position = self.seek(SeekFrom::Start(cookie.position))?;
        if cookie.skip > 0 {
            self.read_text(Some(cookie.skip))?;
        }
        Ok(position)
    }

    /// `truncate(size)`: the file's new length; the position does not move.
    pub fn truncate(&mut self, size: u64) -> PyResult<u64> {
        self.flush()?;
        self.file.set_len(size).map_err(io_error)?;
        Ok(size)
    }
}

// ---- the table ---------------------------------------------------------------------------

#[derive(Default)]
struct Table {
    files: Vec<Option<OpenFile>>,
    free: Vec<usize>,
}

thread_local! {
    static TABLE: RefCell<Table> = RefCell::new(Table::default());
}

/// Keep `file`; its handle.
pub fn register(file: OpenFile) -> i64 {
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        match t.free.pop() {
            Some(index) => {
                t.files[index] = Some(file);
                index as i64
            }
            None => {
                t.files.push(Some(file));
                (t.files.len() - 1) as i64
            }
        }
    })
}

/// Run `f` on the open file `handle`. It must not run Python code (the table is
/// borrowed meanwhile).
pub fn with<R>(handle: i64, f: impl FnOnce(&mut OpenFile) -> PyResult<R>) -> PyResult<R> {
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        match t.files.get_mut(handle as usize).and_then(Option::as_mut) {
            Some(file) => f(file),
            None => value_error("I/O operation on closed file."),
        }
    })
}

/// Close the file `handle`: flush it and let go of its descriptor (closing it unless
/// `closefd` was false). An error flushing is raised after the file is closed.
pub fn close(handle: i64) -> PyResult<()> {
    let file = TABLE.with(|t| {
        let mut t = t.borrow_mut();
        let file = t.files.get_mut(handle as usize).and_then(Option::take);
        if file.is_some() {
            t.free.push(handle as usize);
        }
        file
    });
    let Some(mut file) = file else {
        return Ok(());
    };
    let flushed = file.flush();
    if file.closefd {
        drop(file.file);
    } else {
        // The descriptor belongs to someone else: keep it open.
        let _ = file.file.into_raw_fd();
    }
    flushed
}

/// A handle on the open file with descriptor `fd`, if one of ours has it.
pub fn duplicate_descriptor(fd: i64) -> Option<std::io::Result<File>> {
    TABLE.with(|t| {
        t.borrow()
            .files
            .iter()
            .flatten()
            .find(|f| f.fileno() == fd)
            .map(OpenFile::duplicate)
    })
}

/// Write out every open file's buffer (at exit: nothing else would).
pub fn flush_all() {
    TABLE.with(|t| {
        for file in t.borrow_mut().files.iter_mut().flatten() {
            let _ = file.flush();
        }
    })
}
