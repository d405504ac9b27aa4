//! The text form of jitcode: an assembler and a disassembler, so tests and docs can write
//! jitcode by hand and logs can show it.
//!
//! ```text
//! jitcode countdown(%i0)
//!     int_copy $0 -> %i1
//! loop:
//!     -live- %i0, %i1
//!     int_gt %i0, $0 -> %i2
//!     goto_if_not %i2, done
//!     int_add %i1, %i0 -> %i1
//!     int_sub %i0, $1 -> %i0
//!     goto loop
//! done:
//!     int_return %i1
//! ```
//!
//! A module is one or more `jitcode name(parameters)` sections. Registers are `%i3`, `%r0`,
//! `%f1`; constants `$5`, `$-1.5`, `$null`, or `$name` for a GC object named in the
//! assembler's namespace. Descriptors: `<field Node.next>`, `<array Array<i64>>`,
//! `<size Node>`, `<jitcode name>`, `<switch 1: L1, 7: L2>`, `<driver 0>`. Register lists
//! are `[%i0, $3]`; `-live-` takes a flat list of registers of any bank. Labels are a name
//! and a colon on their own line; `#` starts a comment.

use std::collections::HashMap;
use std::fmt::{self, Write};

use ferrite_gc::{descriptor, descriptor_by_name, GcRef, Layout, RootVec};
use ferrite_trace::text::split_top_level;
use ferrite_trace::{Descr, RefNamespace};

use crate::code::{JitCode, JitDescr, JitModule, Kind};
use crate::opcodes::{self, ArgCode, MAX_OPERANDS};

/// An error in jitcode text, with its line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssembleError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for AssembleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for AssembleError {}

#[derive(Clone, Debug)]
enum Constant {
    Int(i64),
    Float(f64),
    Ref(Option<GcRef>),
}

/// An operand before encoding.
#[derive(Clone, Debug)]
enum Arg {
    Register(Kind, u8),
    Constant(Kind, Constant),
    Label(String),
    Descr(PendingDescr),
    List(Vec<Arg>),
}

/// A descriptor whose labels are not yet placed.
#[derive(Clone, Debug)]
enum PendingDescr {
    Ready(JitDescr),
    Switch(Vec<(i64, String)>),
}

struct Instruction {
    line: usize,
    opcode: u8,
    args: Vec<Arg>,
    result: Option<(Kind, u8)>,
}

enum Item {
    Label(String, usize),
    Instruction(Instruction),
}

fn error(line: usize, message: impl Into<String>) -> AssembleError {
    AssembleError {
        line,
        message: message.into(),
    }
}

/// One `jitcode` section of the text: its header's line, the header, and its body lines.
type Section<'t> = (usize, &'t str, Vec<(usize, &'t str)>);

/// A switch table's cases before the labels are placed.
type SwitchCases = Vec<(i64, String)>;

struct Assembler<'n> {
    names: HashMap<String, usize>,
    refs: &'n RefNamespace,
}

/// Assemble a module; `refs` names the GC objects `$name` constants may refer to.
pub fn assemble(text: &str, refs: &RefNamespace) -> Result<JitModule, AssembleError> {
    // Sections, and the names calls refer to.
    let mut sections: Vec<Section> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix("jitcode ") {
            sections.push((index + 1, header, Vec::new()));
        } else if let Some(section) = sections.last_mut() {
            section.2.push((index + 1, line));
        } else {
            return Err(error(
                index + 1,
                "expected `jitcode name(parameters)` first",
            ));
        }
    }
    let mut assembler = Assembler {
        names: HashMap::new(),
        refs,
    };
    for (number, (line, header, _)) in sections.iter().enumerate() {
        let name = header.split('(').next().unwrap_or("").trim();
        if name.is_empty() || assembler.names.insert(name.to_string(), number).is_some() {
            return Err(error(
                *line,
                format!("missing or repeated jitcode name `{name}`"),
            ));
        }
    }
    let mut module = JitModule::default();
    for (line, header, body) in &sections {
        module.codes.push(assembler.jitcode(*line, header, body)?);
    }
    Ok(module)
}

impl Assembler<'_> {
    fn register(&self, line: usize, text: &str) -> Result<(Kind, u8), AssembleError> {
        let bad = || {
            error(
                line,
                format!("`{text}` is not a register like %i0, %r1 or %f2"),
            )
        };
        let rest = text.strip_prefix('%').ok_or_else(bad)?;
        let kind = match rest.chars().next() {
            Some('i') => Kind::Int,
            Some('r') => Kind::Ref,
            Some('f') => Kind::Float,
            _ => return Err(bad()),
        };
        let number: u8 = rest[1..].parse().map_err(|_| bad())?;
        Ok((kind, number))
    }

    /// A register or constant operand of bank `kind`.
    fn value(&self, line: usize, text: &str, kind: Kind) -> Result<Arg, AssembleError> {
        if let Some(constant) = text.strip_prefix('$') {
            let bad = || error(line, format!("`{text}` is not a {kind:?} constant"));
            let constant = match kind {
                // `$class:Node`: the GC type id of a registered type.
                Kind::Int if constant.starts_with("class:") => {
                    let name = &constant["class:".len()..];
                    let id = descriptor_by_name(name).ok_or_else(|| {
                        error(line, format!("no GC type named `{name}` is registered"))
                    })?;
                    Constant::Int(id.as_u32() as i64)
                }
                Kind::Int => Constant::Int(constant.parse().map_err(|_| bad())?),
                Kind::Float => Constant::Float(constant.parse().map_err(|_| bad())?),
                Kind::Ref if constant == "null" => Constant::Ref(None),
                Kind::Ref => Constant::Ref(Some(*self.refs.get(constant).ok_or_else(|| {
                    error(
                        line,
                        format!("no object named `{constant}` was given to the assembler"),
                    )
                })?)),
            };
            return Ok(Arg::Constant(kind, constant));
        }
        let (found, number) = self.register(line, text)?;
        if found != kind {
            return Err(error(line, format!("`{text}` is not a {kind:?} register")));
        }
        Ok(Arg::Register(kind, number))
    }

    fn descr(&self, line: usize, text: &str) -> Result<PendingDescr, AssembleError> {
        let inner = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .ok_or_else(|| {
                error(
                    line,
                    format!("`{text}` is not a descriptor like <field Node.next>"),
                )
            })?;
        let (what, rest) = inner.split_once(' ').unwrap_or((inner, ""));
        let rest = rest.trim();
        let type_id = |name: &str| {
            descriptor_by_name(name)
                .ok_or_else(|| error(line, format!("no GC type named `{name}` is registered")))
        };
        Ok(PendingDescr::Ready(match what {
            "field" => {
                let (type_name, field) = rest
                    .split_once('.')
                    .ok_or_else(|| error(line, "a field descriptor is <field Type.field>"))?;
                let owner = type_id(type_name)?;
                let Some(Layout::Fixed { fields, .. }) = descriptor(owner).map(|d| &d.layout)
                else {
                    return Err(error(line, format!("`{type_name}` has no fields")));
                };
                let index = fields
                    .iter()
                    .position(|f| f.name == field)
                    .ok_or_else(|| error(line, format!("`{type_name}` has no field `{field}`")))?;
                JitDescr::Heap(Descr::Field {
                    owner,
                    index: index as u16,
                })
            }
            "array" => JitDescr::Heap(Descr::Array(type_id(rest)?)),
            "size" => JitDescr::Heap(Descr::Size(type_id(rest)?)),
            "call" => JitDescr::Heap(Descr::Call(
                ferrite_trace::calls::target_by_name(rest)
                    .ok_or_else(|| error(line, format!("no call target named `{rest}`")))?,
            )),
            "jitcode" => JitDescr::JitCode(
                *self
                    .names
                    .get(rest)
                    .ok_or_else(|| error(line, format!("no jitcode named `{rest}`")))?,
            ),
            "driver" => {
                let malformed =
                    || error(line, format!("`{rest}` is not `N` or `N virtualizable K`"));
                let (number, virtualizable) = match rest.split_once(" virtualizable ") {
                    Some((number, place)) => {
                        (number, Some(place.trim().parse().map_err(|_| malformed())?))
                    }
                    None => (rest, None),
                };
                JitDescr::Driver {
                    number: number.trim().parse().map_err(|_| malformed())?,
                    virtualizable,
                }
            }
            "switch" => {
                let mut cases = Vec::new();
                for case in split_top_level(rest) {
                    let (value, label) = case
                        .split_once(':')
                        .ok_or_else(|| error(line, format!("`{case}` is not `value: label`")))?;
                    let value = value
                        .trim()
                        .parse()
                        .map_err(|_| error(line, format!("`{value}` is not an integer")))?;
                    cases.push((value, label.trim().to_string()));
                }
                return Ok(PendingDescr::Switch(cases));
            }
            other => return Err(error(line, format!("unknown descriptor kind `{other}`"))),
        }))
    }

    fn list(&self, line: usize, text: &str, kind: Kind) -> Result<Arg, AssembleError> {
        let inner = text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .ok_or_else(|| {
                error(
                    line,
                    format!("`{text}` is not a register list like [%i0, %i1]"),
                )
            })?;
        let items = split_top_level(inner)
            .into_iter()
            .map(|item| self.value(line, item, kind))
            .collect::<Result<_, _>>()?;
        Ok(Arg::List(items))
    }

    fn instruction(&self, line: usize, text: &str) -> Result<Instruction, AssembleError> {
        let (body, result) = match text.rsplit_once("->") {
            Some((body, result)) => (body.trim(), Some(self.register(line, result.trim())?)),
            None => (text, None),
        };
        let (name, operands) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let opcode = opcodes::opcode(name)
            .ok_or_else(|| error(line, format!("unknown instruction `{name}`")))?;
        let signature = opcodes::signature(opcode).expect("a valid opcode");
        let pieces = split_top_level(operands.trim());
        let args = if name == "-live-" {
            // A flat list of registers, grouped by bank.
            let mut lists = [Vec::new(), Vec::new(), Vec::new()];
            for piece in pieces {
                let (kind, number) = self.register(line, piece)?;
                lists[kind.index()].push(Arg::Register(kind, number));
            }
            lists.into_iter().map(Arg::List).collect()
        } else {
            if pieces.len() != signature.args.len() {
                return Err(error(
                    line,
                    format!(
                        "`{name}` takes {} operands, given {}",
                        signature.args.len(),
                        pieces.len()
                    ),
                ));
            }
            let mut args = Vec::new();
            for (&code, piece) in signature.args.iter().zip(pieces) {
                args.push(match code {
                    ArgCode::Int | ArgCode::Ref | ArgCode::Float => {
                        self.value(line, piece, code.kind().unwrap())?
                    }
                    ArgCode::IntList | ArgCode::RefList | ArgCode::FloatList => {
                        self.list(line, piece, code.kind().unwrap())?
                    }
                    ArgCode::Label => Arg::Label(piece.to_string()),
                    ArgCode::Descr => Arg::Descr(self.descr(line, piece)?),
                });
            }
            args
        };
        let expected = signature.result.and_then(ArgCode::kind);
        match (expected, result) {
            (Some(kind), Some((found, _))) if kind != found => {
                return Err(error(line, format!("`{name}` gives a {kind:?} result")))
            }
            (Some(_), None) => return Err(error(line, format!("`{name}` needs `-> %register`"))),
            (None, Some(_)) => return Err(error(line, format!("`{name}` has no result"))),
            _ => {}
        }
        Ok(Instruction {
            line,
            opcode,
            args,
            result,
        })
    }

    fn jitcode(
        &self,
        line: usize,
        header: &str,
        body: &[(usize, &str)],
    ) -> Result<JitCode, AssembleError> {
        let name = header.split('(').next().unwrap_or("").trim().to_string();
        let params_text = header
            .split_once('(')
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .ok_or_else(|| error(line, "expected `jitcode name(%i0, %r0, ...)`"))?;
        let params = split_top_level(params_text)
            .into_iter()
            .map(|p| self.register(line, p))
            .collect::<Result<Vec<_>, _>>()?;
        let mut items = Vec::new();
        for &(line, text) in body {
            if let Some(label) = text.strip_suffix(':').filter(|l| !l.contains(' ')) {
                items.push(Item::Label(label.to_string(), line));
            } else {
                items.push(Item::Instruction(self.instruction(line, text)?));
            }
        }
        encode(name, params, items)
    }
}

/// Lay out registers, constants, descriptors and labels, and write the bytes.
fn encode(
    name: String,
    params: Vec<(Kind, u8)>,
    items: Vec<Item>,
) -> Result<JitCode, AssembleError> {
    // Register counts: one past the highest register of each bank.
    let mut counts = [0usize; 3];
    let mut note = |kind: Kind, number: u8| {
        let count = &mut counts[kind.index()];
        *count = (*count).max(number as usize + 1);
    };
    for &(kind, number) in &params {
        note(kind, number);
    }
    fn visit(arg: &Arg, note: &mut dyn FnMut(Kind, u8)) {
        match arg {
            Arg::Register(kind, number) => note(*kind, *number),
            Arg::List(items) => items.iter().for_each(|a| visit(a, note)),
            _ => {}
        }
    }
    for item in &items {
        if let Item::Instruction(insn) = item {
            insn.args.iter().for_each(|a| visit(a, &mut note));
            if let Some((kind, number)) = insn.result {
                note(kind, number);
            }
        }
    }
    let mut code = JitCode {
        name,
        code: Vec::new(),
        register_counts: [0; 3],
        int_constants: Vec::new(),
        float_constants: Vec::new(),
        ref_constants: RootVec::new(),
        descrs: Vec::new(),
        params,
        liveness: Default::default(),
    };
    let mut labels: HashMap<String, usize> = HashMap::new();
    let mut fixups: Vec<(usize, String, usize)> = Vec::new();
    // (descriptor index, cases with label names, line) of each switch table.
    let mut switches: Vec<(usize, SwitchCases, usize)> = Vec::new();
    let mut ref_constants: Vec<Option<GcRef>> = Vec::new();
    for item in items {
        let insn = match item {
            Item::Label(label, line) => {
                if labels.insert(label.clone(), code.code.len()).is_some() {
                    return Err(error(line, format!("label `{label}` defined twice")));
                }
                continue;
            }
            Item::Instruction(insn) => insn,
        };
        code.code.push(insn.opcode);
        for arg in &insn.args {
            match arg {
                Arg::Register(..) | Arg::Constant(..) => {
                    let byte =
                        operand_byte(&mut code, &mut ref_constants, &counts, arg, insn.line)?;
                    code.code.push(byte);
                }
                Arg::List(items) => {
                    code.code.push(items.len() as u8);
                    for item in items {
                        let byte =
                            operand_byte(&mut code, &mut ref_constants, &counts, item, insn.line)?;
                        code.code.push(byte);
                    }
                }
                Arg::Label(label) => {
                    fixups.push((code.code.len(), label.clone(), insn.line));
                    code.code.extend([0, 0]);
                }
                Arg::Descr(PendingDescr::Ready(descr)) => {
                    let index = descr_index(&mut code, descr.clone());
                    code.code.extend(index.to_le_bytes());
                }
                Arg::Descr(PendingDescr::Switch(cases)) => {
                    let index = descr_index(&mut code, JitDescr::Switch(Vec::new()));
                    switches.push((index as usize, cases.clone(), insn.line));
                    code.code.extend(index.to_le_bytes());
                }
            }
        }
        if let Some((_, number)) = insn.result {
            code.code.push(number);
        }
    }
    let place = |label: &str, line: usize| {
        labels
            .get(label)
            .map(|&offset| offset as u16)
            .ok_or_else(|| error(line, format!("no label `{label}`")))
    };
    for (position, label, line) in fixups {
        let offset = place(&label, line)?;
        code.code[position..position + 2].copy_from_slice(&offset.to_le_bytes());
    }
    for (index, cases, line) in switches {
        let cases = cases
            .iter()
            .map(|(value, label)| Ok((*value, place(label, line)?)))
            .collect::<Result<_, AssembleError>>()?;
        code.descrs[index] = JitDescr::Switch(cases);
    }
    for (bank, &count) in counts.iter().enumerate() {
        code.register_counts[bank] = u8::try_from(count)
            .map_err(|_| error(0, format!("{}: too many registers", code.name)))?;
    }
    for constant in ref_constants {
        code.ref_constants.push(constant);
    }
    Ok(code)
}

fn descr_index(code: &mut JitCode, descr: JitDescr) -> u16 {
    if !matches!(descr, JitDescr::Switch(_)) {
        if let Some(index) = code.descrs.iter().position(|d| *d == descr) {
            return index as u16;
        }
    }
    code.descrs.push(descr);
    (code.descrs.len() - 1) as u16
}

/// The byte naming a register, or a constant (numbered after the bank's registers).
fn operand_byte(
    code: &mut JitCode,
    ref_constants: &mut Vec<Option<GcRef>>,
    counts: &[usize; 3],
    arg: &Arg,
    line: usize,
) -> Result<u8, AssembleError> {
    let (kind, index) = match arg {
        Arg::Register(_, number) => return Ok(*number),
        Arg::Constant(kind, Constant::Int(v)) => (
            *kind,
            find_or_push(&mut code.int_constants, *v, |a, b| a == b),
        ),
        Arg::Constant(kind, Constant::Float(v)) => (
            *kind,
            find_or_push(&mut code.float_constants, *v, |a, b| {
                a.to_bits() == b.to_bits()
            }),
        ),
        Arg::Constant(kind, Constant::Ref(v)) => {
            (*kind, find_or_push(ref_constants, *v, |a, b| a == b))
        }
        _ => unreachable!("only registers and constants are one byte"),
    };
    u8::try_from(counts[kind.index()] + index).map_err(|_| {
        error(
            line,
            format!("more than 256 {kind:?} registers and constants"),
        )
    })
}

fn find_or_push<T: Copy>(values: &mut Vec<T>, value: T, same: impl Fn(&T, &T) -> bool) -> usize {
    match values.iter().position(|v| same(v, &value)) {
        Some(index) => index,
        None => {
            values.push(value);
            values.len() - 1
        }
    }
}

// ---------------------------------------------------------------------------------------
// Disassembly.

/// A decoded instruction, borrowing its lists from the code. Decoding allocates nothing:
/// the blackhole and the tracer decode every instruction they run.
pub struct Decoded<'c> {
    pub opcode: u8,
    operands: [Operand<'c>; MAX_OPERANDS],
    operand_count: usize,
    pub result: Option<u8>,
    /// Offset of the next instruction.
    pub next: usize,
}

impl<'c> Decoded<'c> {
    /// The operands, in the signature's order.
    pub fn operands(&self) -> &[Operand<'c>] {
        &self.operands[..self.operand_count]
    }
}

/// A decoded operand.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand<'c> {
    Register(u8),
    Label(u16),
    Descr(u16),
    List(&'c [u8]),
}

/// Decode the instruction at `pc`.
///
/// # Panics
/// If the bytes are not valid jitcode (jitcode comes from the assembler or the translator).
pub fn decode(code: &[u8], pc: usize) -> Decoded<'_> {
    let opcode = code[pc];
    let signature = opcodes::signature(opcode).expect("a valid opcode");
    let mut at = pc + 1;
    let mut operands = [Operand::Register(0); MAX_OPERANDS];
    for (slot, &arg) in operands.iter_mut().zip(&signature.args) {
        *slot = match arg {
            ArgCode::Int | ArgCode::Ref | ArgCode::Float => {
                at += 1;
                Operand::Register(code[at - 1])
            }
            ArgCode::Label | ArgCode::Descr => {
                let value = u16::from_le_bytes([code[at], code[at + 1]]);
                at += 2;
                if arg == ArgCode::Label {
                    Operand::Label(value)
                } else {
                    Operand::Descr(value)
                }
            }
            ArgCode::IntList | ArgCode::RefList | ArgCode::FloatList => {
                let count = code[at] as usize;
                let items = &code[at + 1..at + 1 + count];
                at += 1 + count;
                Operand::List(items)
            }
        };
    }
    let result = signature.result.map(|_| {
        at += 1;
        code[at - 1]
    });
    Decoded {
        opcode,
        operands,
        operand_count: signature.args.len(),
        result,
        next: at,
    }
}

fn operand_text(code: &JitCode, kind: Kind, byte: u8) -> String {
    let count = code.register_counts[kind.index()];
    if byte < count {
        return format!("%{}{byte}", kind.letter());
    }
    let index = (byte - count) as usize;
    match kind {
        Kind::Int => format!("${}", code.int_constants[index]),
        Kind::Float => format!("${:?}", code.float_constants[index]),
        Kind::Ref => match code.ref_constants.get(index) {
            None => "$null".to_string(),
            Some(_) => format!("$c{index}"),
        },
    }
}

fn descr_text(module: &JitModule, descr: &JitDescr) -> String {
    let type_name = |id| descriptor(id).map_or("?", |d| d.name);
    match descr {
        JitDescr::Heap(Descr::Field { owner, index }) => {
            let field = match descriptor(*owner).map(|d| &d.layout) {
                Some(Layout::Fixed { fields, .. }) => fields[*index as usize].name,
                _ => "?",
            };
            format!("<field {}.{field}>", type_name(*owner))
        }
        JitDescr::Heap(Descr::Array(id)) => format!("<array {}>", type_name(*id)),
        JitDescr::Heap(Descr::Size(id)) => format!("<size {}>", type_name(*id)),
        JitDescr::Heap(Descr::Call(id)) => {
            format!("<call {}>", ferrite_trace::calls::target(*id).name)
        }
        JitDescr::JitCode(index) => format!("<jitcode {}>", module.codes[*index].name),
        JitDescr::Driver {
            number,
            virtualizable: None,
        } => format!("<driver {number}>"),
        JitDescr::Driver {
            number,
            virtualizable: Some(place),
        } => format!("<driver {number} virtualizable {place}>"),
        JitDescr::Switch(cases) => {
            let cases: Vec<String> = cases.iter().map(|(v, l)| format!("{v}: L{l}")).collect();
            format!("<switch {}>", cases.join(", "))
        }
    }
}

/// The text of jitcode number `index` of `module`; assembling it gives the same bytes.
pub fn disassemble(module: &JitModule, index: usize) -> String {
    let code = &module.codes[index];
    // Every offset something jumps to gets a label.
    let mut targets = std::collections::BTreeSet::new();
    let mut pc = 0;
    while pc < code.code.len() {
        let decoded = decode(&code.code, pc);
        for operand in decoded.operands() {
            match operand {
                Operand::Label(offset) => {
                    targets.insert(*offset as usize);
                }
                Operand::Descr(d) => {
                    if let JitDescr::Switch(cases) = &code.descrs[*d as usize] {
                        targets.extend(cases.iter().map(|(_, l)| *l as usize));
                    }
                }
                _ => {}
            }
        }
        pc = decoded.next;
    }
    let params: Vec<String> = code
        .params
        .iter()
        .map(|(kind, number)| format!("%{}{number}", kind.letter()))
        .collect();
    let mut out = format!("jitcode {}({})\n", code.name, params.join(", "));
    let mut pc = 0;
    while pc < code.code.len() {
        if targets.contains(&pc) {
            let _ = writeln!(out, "L{pc}:");
        }
        let decoded = decode(&code.code, pc);
        let signature = opcodes::signature(decoded.opcode).expect("valid");
        let mut texts = Vec::new();
        for (&arg, operand) in signature.args.iter().zip(decoded.operands()) {
            texts.push(match (arg, operand) {
                (_, Operand::Register(byte)) => operand_text(code, arg.kind().unwrap(), *byte),
                (_, Operand::Label(offset)) => format!("L{offset}"),
                (_, Operand::Descr(d)) => descr_text(module, &code.descrs[*d as usize]),
                (_, Operand::List(items)) => {
                    let kind = arg.kind().unwrap();
                    let items: Vec<String> =
                        items.iter().map(|&b| operand_text(code, kind, b)).collect();
                    if signature.name == "-live-" {
                        items.join(", ")
                    } else {
                        format!("[{}]", items.join(", "))
                    }
                }
            });
        }
        texts.retain(|t| !t.is_empty());
        let _ = write!(out, "    {}", signature.name);
        if !texts.is_empty() {
            let _ = write!(out, " {}", texts.join(", "));
        }
        if let (Some(byte), Some(kind)) = (decoded.result, signature.result.and_then(ArgCode::kind))
        {
            let _ = write!(out, " -> %{}{byte}", kind.letter());
        }
        out.push('\n');
        pc = decoded.next;
    }
    out
}
