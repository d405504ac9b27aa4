//! Code objects in the heap: turning the compiler's `CodeUnit` into a `PyCode` (constants
//! become objects, names interned strings), and what frames ask of them (the line of an
//! instruction, the `__class__` cell).

use ferrite::{Array, Gc, GcRef};

use crate::compiler::bytecode::{flags, CodeUnit, Const};
use crate::objects::layout::*;
use crate::objects::{alloc, new_float, new_int, new_items, str as pystr};
use crate::runtime::errors::PyResult;
use crate::runtime::space;

fn array_of<E>(values: &[E], zero: E) -> PyResult<Gc<Array<E>>>
where
    E: ferrite::PlainElement + ferrite::ArrayElement + Copy,
{
    let array = Array::new(values.len(), zero).map_err(|_| space::memory_error())?;
    for (i, v) in values.iter().enumerate() {
        array.set(i, *v);
    }
    Ok(array)
}

/// The heap object for a compiled constant.
pub fn const_object(value: &Const) -> PyResult<GcRef> {
    Ok(match value {
        Const::None => space::none(),
        Const::True => space::bool_(true),
        Const::False => space::bool_(false),
        Const::Ellipsis => space::ellipsis(),
        Const::Int(i) => new_int(*i)?,
        Const::BigInt(digits) => {
            let big =
                crate::objects::int::parse(digits, 10).expect("the compiler checked the literal");
            crate::objects::int::from_big(big)?
        }
        Const::Float(f) => new_float(*f)?,
        Const::Complex(re, im) => alloc(PyComplex {
            real: *re,
            imag: *im,
        })?
        .erase(),
        // String constants are interned, as CPython interns identifier-like ones: identity
        // tests between equal literals then hold, and attribute names compare by pointer.
        Const::Str(s) => pystr::intern(s)?,
        Const::Bytes(b) => crate::objects::bytes::new_bytes(b)?,
        Const::Tuple(items) => {
            let array = new_items(items.len())?;
            for (i, item) in items.iter().enumerate() {
                array.set(i, Some(const_object(item)?));
            }
            if items.is_empty() {
                space::empty_tuple()
            } else {
                array.erase()
            }
        }
        Const::FrozenSet(items) => {
            let set = crate::objects::set::new_set(true)?;
            for item in items {
                crate::objects::set::add(set, const_object(item)?)?;
            }
            set.erase()
        }
        Const::Code(unit) => to_heap(unit)?.erase(),
    })
}

fn interned_names(names: &[&String]) -> PyResult<Gc<Items>> {
    let array = new_items(names.len())?;
    for (i, n) in names.iter().enumerate() {
        array.set(i, Some(pystr::intern(n)?));
    }
    Ok(array)
}

/// Put a compiled unit (and the units nested in its constants) in the heap.
pub fn to_heap(unit: &CodeUnit) -> PyResult<Gc<PyCode>> {
    let instructions = array_of(&unit.instructions, 0u32)?;
    let lines = array_of(&unit.lines, 0i32)?;
    let mut table = Vec::with_capacity(unit.exception_table.len() * 4);
    for e in &unit.exception_table {
        table.extend_from_slice(&[
            e.start as i32,
            e.end as i32,
            e.handler as i32,
            e.depth as i32,
        ]);
    }
    let exception_table = array_of(&table, 0i32)?;
    let mut positions = Vec::with_capacity(unit.positions.len() * 2);
    for &(start, end) in &unit.positions {
        positions.extend_from_slice(&[start as i32, end as i32]);
    }
    let positions = array_of(&positions, 0i32)?;
    let consts = new_items(unit.consts.len())?;
    for (i, c) in unit.consts.iter().enumerate() {
        consts.set(i, Some(const_object(c)?));
    }
    let names = interned_names(&unit.names.iter().collect::<Vec<_>>())?;
    let slot_names = interned_names(
        &unit
            .varnames
            .iter()
            .chain(unit.cellvars.iter())
            .chain(unit.freevars.iter())
            .collect::<Vec<_>>(),
    )?;
    let cell_from_arg = array_of(&unit.cell_from_arg, 0i32)?;
    let (words, operands) = crate::runtime::inline_cache::loop_arrays(instructions, consts, names)?;
    alloc(PyCode {
        instructions,
        lines,
        positions,
        exception_table,
        consts,
        names,
        slot_names,
        cell_from_arg,
        local_count: unit.varnames.len() as i64,
        cell_count: unit.cellvars.len() as i64,
        free_count: unit.freevars.len() as i64,
        stack_size: unit.stack_size as i64,
        arg_count: unit.arg_count as i64,
        posonly_count: unit.posonly_count as i64,
        kwonly_count: unit.kwonly_count as i64,
        flags: unit.flags,
        frame_size: (unit.varnames.len()
            + unit.cellvars.len()
            + unit.freevars.len()
            + unit.stack_size as usize) as i64,
        simple_arg_count: if unit.kwonly_count == 0
            && unit.cellvars.is_empty()
            && unit.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0
        {
            unit.arg_count as i64
        } else {
            -1
        },
        name: pystr::intern(&unit.name)?,
        qualname: pystr::new_str(&unit.qualname)?,
        filename: pystr::new_str(&unit.filename)?,
        first_line: unit.first_line as i64,
        words,
        operands,
        instruction_count: instructions.len() as i64,
        names_at: consts.len() as i64,
        cache_refs_at: (consts.len() + names.len()) as i64,
        common_values: crate::runtime::space::common_values(),
        spare_frame: None,
    })
}

/// The source line of instruction `instruction`.
pub fn line_of(code: Gc<PyCode>, instruction: i64) -> i64 {
    let lines = code.lines();
    if instruction >= 0 && (instruction as usize) < lines.len() {
        lines.get(instruction as usize) as i64
    } else {
        code.first_line()
    }
}

/// The source byte range of instruction `instruction`, if the compiler recorded one.
pub fn position_of(code: Gc<PyCode>, instruction: i64) -> Option<(usize, usize)> {
    let positions = code.positions();
    let i = instruction as usize * 2;
    if instruction < 0 || i + 1 >= positions.len() {
        return None;
    }
    let (start, end) = (positions.get(i), positions.get(i + 1));
    (start >= 0 && end >= start).then_some((start as usize, end as usize))
}

/// The value of the `__class__` cell of the function running in `frame` (for `super()`).
pub fn class_cell(frame: Gc<PyFrame>) -> Option<GcRef> {
    let code = frame.code();
    let names = code.slot_names();
    let first_cell = code.local_count() as usize;
    let count = (code.cell_count() + code.free_count()) as usize;
    for i in first_cell..first_cell + count {
        let name = names.get(i).expect("slot names");
        if pystr::eq_text(name, "__class__") {
            let cell = frame.slots().get(i)?.downcast::<PyCell>()?;
            return cell.contents();
        }
    }
    None
}
