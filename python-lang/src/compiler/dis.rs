//! `pyrite --dis FILE`: the compiled wordcode in the layout of CPython's `dis` — line
//! number, instruction index, name, argument and what the argument means — for every code
//! object, nested ones after their parent.

use std::fmt::Write;

use super::bytecode::{binop, cmpop, decode, CodeUnit, Const, Op};

pub fn disassemble(code: &CodeUnit) -> String {
    let mut out = String::new();
    let mut queue = vec![code];
    let mut first = true;
    while let Some(code) = queue.pop() {
        if !first {
            out.push('\n');
        }
        first = false;
        let _ = writeln!(
            out,
            "Disassembly of <code object {} at line {}>:",
            code.qualname, code.first_line
        );
        write_code(&mut out, code);
        let nested: Vec<&CodeUnit> = code
            .consts
            .iter()
            .filter_map(|c| match c {
                Const::Code(inner) => Some(&**inner),
                _ => None,
            })
            .collect();
        for inner in nested.into_iter().rev() {
            queue.push(inner);
        }
    }
    out
}

fn write_code(out: &mut String, code: &CodeUnit) {
    let targets: Vec<usize> = code
        .instructions
        .iter()
        .filter_map(|&word| {
            let (op, arg) = decode(word);
            Op::from_u8(op)
                .filter(|o| o.is_jump())
                .map(|_| arg as usize)
        })
        .collect();
    let mut last_line = -1;
    for (index, &word) in code.instructions.iter().enumerate() {
        let (byte, arg) = decode(word);
        let Some(op) = Op::from_u8(byte) else {
            let _ = writeln!(out, "      {index:>5} <{byte}>");
            continue;
        };
        let line = code.lines[index];
        let line_text = if line != last_line {
            if last_line != -1 {
                out.push('\n');
            }
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let marker = if targets.contains(&index) { ">>" } else { "  " };
        let meaning = argument_meaning(code, op, arg);
        let _ = write!(out, "{line_text}    {marker} {index:>5} {:<24}", op.name());
        if has_argument(op) {
            let _ = write!(out, " {arg:>3}");
            if !meaning.is_empty() {
                let _ = write!(out, " ({meaning})");
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for entry in &code.exception_table {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]",
                entry.start, entry.end, entry.handler, entry.depth
            );
        }
    }
}

fn has_argument(op: Op) -> bool {
    !matches!(
        op,
        Op::NOP
            | Op::POP_TOP
            | Op::PUSH_NULL
            | Op::BINARY_SUBSCR
            | Op::STORE_SUBSCR
            | Op::DELETE_SUBSCR
            | Op::UNARY_NEGATIVE
            | Op::UNARY_POSITIVE
            | Op::UNARY_INVERT
            | Op::UNARY_NOT
            | Op::GET_ITER
            | Op::RETURN_VALUE
            | Op::LOAD_BUILD_CLASS
            | Op::PUSH_EXC_INFO
            | Op::POP_EXCEPT
            | Op::CHECK_EXC_MATCH
            | Op::CHECK_EG_MATCH
            | Op::WITH_EXCEPT_START
            | Op::BEFORE_WITH
            | Op::LIST_TO_TUPLE
            | Op::LOAD_ASSERTION_ERROR
            | Op::GET_LEN
            | Op::MATCH_MAPPING
            | Op::MATCH_SEQUENCE
            | Op::SETUP_ANNOTATIONS
            | Op::IMPORT_STAR
            | Op::GET_AWAITABLE
            | Op::GET_AITER
            | Op::GET_ANEXT
            | Op::GET_YIELD_FROM_ITER
            | Op::END_ASYNC_FOR
            | Op::PRINT_EXPR
            | Op::PREP_RERAISE_STAR
            | Op::BEFORE_ASYNC_WITH
    )
}

fn argument_meaning(code: &CodeUnit, op: Op, arg: u32) -> String {
    let slot_name = |i: u32| -> String {
        let i = i as usize;
        let locals = code.varnames.len();
        if i < locals {
            code.varnames[i].clone()
        } else if i < locals + code.cellvars.len() {
            code.cellvars[i - locals].clone()
        } else {
            code.freevars
                .get(i - locals - code.cellvars.len())
                .cloned()
                .unwrap_or_default()
        }
    };
    let cell_name = |i: u32| -> String {
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars
                .get(i - code.cellvars.len())
                .cloned()
                .unwrap_or_default()
        }
    };
    match op {
        Op::LOAD_CONST => code
            .consts
            .get(arg as usize)
            .map(const_text)
            .unwrap_or_default(),
        Op::LOAD_FAST | Op::STORE_FAST | Op::DELETE_FAST => slot_name(arg),
        Op::LOAD_DEREF
        | Op::STORE_DEREF
        | Op::DELETE_DEREF
        | Op::LOAD_CLOSURE
        | Op::LOAD_CLASSDEREF => cell_name(arg),
        Op::LOAD_GLOBAL
        | Op::STORE_GLOBAL
        | Op::DELETE_GLOBAL
        | Op::LOAD_NAME
        | Op::STORE_NAME
        | Op::DELETE_NAME
        | Op::LOAD_ATTR
        | Op::STORE_ATTR
        | Op::DELETE_ATTR
        | Op::LOAD_METHOD
        | Op::IMPORT_NAME
        | Op::IMPORT_FROM => code.names.get(arg as usize).cloned().unwrap_or_default(),
        Op::BINARY_OP => {
            let base = arg & !binop::INPLACE;
            let symbol = binop::SYMBOLS.get(base as usize).copied().unwrap_or("?");
            if arg & binop::INPLACE != 0 {
                format!("{symbol}=")
            } else {
                symbol.to_string()
            }
        }
        Op::COMPARE_OP => cmpop::SYMBOLS
            .get(arg as usize)
            .copied()
            .unwrap_or("?")
            .to_string(),
        Op::IS_OP => if arg == 0 { "is" } else { "is not" }.to_string(),
        Op::CONTAINS_OP => if arg == 0 { "in" } else { "not in" }.to_string(),
        _ if op.is_jump() => format!("to {arg}"),
        _ => String::new(),
    }
}

fn const_text(c: &Const) -> String {
    match c {
        Const::None => "None".to_string(),
        Const::True => "True".to_string(),
        Const::False => "False".to_string(),
        Const::Ellipsis => "Ellipsis".to_string(),
        Const::Int(i) => i.to_string(),
        Const::BigInt(s) => s.clone(),
        Const::Float(f) => crate::objects::float::repr(*f),
        Const::Complex(r, i) => format!(
            "({}+{}j)",
            crate::objects::float::repr(*r),
            crate::objects::float::repr(*i)
        ),
        Const::Str(s) => format!("{s:?}"),
        Const::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Const::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(const_text).collect();
            if items.len() == 1 {
                format!("({},)", inner[0])
            } else {
                format!("({})", inner.join(", "))
            }
        }
        Const::FrozenSet(items) => {
            let inner: Vec<String> = items.iter().map(const_text).collect();
            format!("frozenset({{{}}})", inner.join(", "))
        }
        Const::Code(code) => format!("<code object {} at line {}>", code.name, code.first_line),
    }
}
