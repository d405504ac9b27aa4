//! The eval loop: runs a frame's wordcode.
//!
//! `run` is shaped as the future JIT portal: its state is the frame (a GC object holding
//! the locals and the value stack in one `slots` array), the program counter and the stack
//! pointer; it decodes one word per instruction and matches on the opcode as an integer.
//! Everything that is not a fast path (int and float arithmetic and comparisons, locals,
//! jumps) is a call to the object model in `ops`, which the JIT will call residually.
//!
//! Errors leave the loop through `?`; `run` then adds the traceback entry, sets
//! `__context__`, finds the handler in the exception table (`runtime/unwind.rs`) and goes
//! on there, or returns the error to the caller.

use ferrite::{ArrayView, Gc, GcRef};

use crate::builtins::registry::Args;
use crate::compiler::bytecode::op;
use crate::objects::layout::*;
use crate::objects::typeobject::type_name_of;
use crate::objects::{dict, exception, list, new_int, str as pystr, tuple};
use crate::runtime::errors::*;
use crate::runtime::fast_paths::*;
use crate::runtime::generator::{self, Resumed};
use crate::runtime::space::{self, *};
use crate::runtime::unwind::{note_raised, set_context, unwind_to_handler};
use crate::runtime::{call, frame_ops, inline_cache, ops};

/// `PyFrame::state`.
pub const FRAME_CREATED: i64 = 0;
pub const FRAME_RUNNING: i64 = 1;
pub const FRAME_SUSPENDED: i64 = 2;
pub const FRAME_DONE: i64 = 3;

/// `frame` and the frames that called it may now be held by Python code (a traceback or a
/// frame object refers to them, and to their callers through `f_back`): none of them may
/// be reused for another call. A code's spare frame that escapes is detached from its
/// code here, so a call that returns need not look whether its frame escaped.
pub fn mark_escaped(frame: Gc<PyFrame>) {
    let mut link = Some(frame);
    while let Some(f) = link {
        let (escaped, code, back) = f.access(|f| (f.escaped(), f.code(), f.back()));
        if escaped {
            break;
        }
        f.set_escaped(true);
        if code.spare_frame() == Some(f) {
            code.set_spare_frame(None);
        }
        link = back;
    }
}

/// Run a new frame to its end (a function call, a module, a class body).
pub fn run_frame(frame: Gc<PyFrame>) -> PyResult<GcRef> {
    execute_frame(frame, None)
}

/// Run (or resume) `frame` until it returns or yields, with `throw` raised first if given.
/// Keeps the recursion depth and the chain of running frames.
#[inline]
pub fn execute_frame(frame: Gc<PyFrame>, throw: Option<Gc<PyException>>) -> PyResult<GcRef> {
    execute_frame_at(frame, None, throw)
}

/// `execute_frame`, with the frame's stack pointer set first to `sp` if given (a resumed
/// generator's, after the sent value was pushed): one visit to the frame's fields.
pub fn execute_frame_at(
    frame: Gc<PyFrame>,
    sp: Option<i64>,
    throw: Option<Gc<PyException>>,
) -> PyResult<GcRef> {
    let Ok(caller) = space::enter_frame(frame) else {
        return Err(new_exception(
            T_RECURSION_ERROR,
            "maximum recursion depth exceeded",
        ));
    };
    frame.access(|f| {
        f.set_back(caller);
        f.set_state(FRAME_RUNNING);
        if let Some(sp) = sp {
            f.set_sp(sp);
        }
    });
    let result = run(frame, None, throw);
    space::leave_frame(caller);
    result
}

/// A frame about to run whose code and position were read already (a call's fast path,
/// `call::call_positional`, or a generator's step, `generator::resume`): what `run` would
/// otherwise read from the frame.
pub(crate) struct Start {
    pub code: Gc<PyCode>,
    pub parts: LoopCode,
    pub stack: Gc<Items>,
    /// The instruction to run first.
    pub pc: usize,
    /// The stack's depth.
    pub sp: usize,
    /// A value to push first (the value sent into a resumed generator).
    pub push: Option<GcRef>,
}

/// Run the running frame `frame` until it returns or yields: from `start` if given, else
/// from its `pc` (with `throw` raised there first, if given). An error goes to the
/// frame's handler in the exception table, and the loop goes on there; without one, the
/// error is returned.
///
/// Every frame runs through this one function, so that the view setup in it has one
/// copy, inlined (two copies measured 10% slower on generators).
#[inline(never)]
pub(crate) fn run(
    frame: Gc<PyFrame>,
    mut start: Option<Start>,
    throw: Option<Gc<PyException>>,
) -> PyResult<GcRef> {
    let mut pending = throw;
    loop {
        if let Some(e) = pending.take() {
            note_raised(frame, e)?;
            if !unwind_to_handler(frame, e) {
                frame.set_state(FRAME_DONE);
                return Err(e);
            }
        }
        let (code, parts, stack, pc, sp, push) = match start.take() {
            Some(Start {
                code,
                parts,
                stack,
                pc,
                sp,
                push,
            }) => (code, parts, stack, pc, sp, push),
            None => {
                let (code, stack, pc, sp) = frame.access(|f| (f.code(), f.slots(), f.pc(), f.sp()));
                (
                    code,
                    code.access(LoopCode::of),
                    stack,
                    pc as usize,
                    sp as usize,
                    None,
                )
            }
        };
        // The instruction running is kept in a local and written to the frame only when
        // an error leaves (or at a yield): a store into the frame per instruction cost
        // ~10%.
        let mut at = pc;
        match run_code(frame, code, &parts, stack, (pc, sp, push), &mut at) {
            Ok(value) => return Ok(value),
            Err(e) => {
                frame.set_last_instruction(at as i64);
                pending = Some(e);
            }
        }
    }
}

/// The instruction word at `pc`, or a `NOP` past the end: what a fast path looks at to
/// run the next instruction without a dispatch.
#[inline(always)]
fn peek(instructions: &ArrayView<i64>, length: usize, pc: usize) -> u32 {
    if pc < length {
        instructions.get(pc) as u32
    } else {
        0
    }
}

#[inline(always)]
pub(crate) fn item(view: &ArrayView<Option<GcRef>>, index: usize) -> GcRef {
    view.get(index).expect("a value on the stack")
}

/// A local read before assignment.
fn unbound_local(code: Gc<PyCode>, index: usize) -> Gc<PyException> {
    let name = pystr::to_string(code.slot_names().get(index).expect("a local name"));
    new_exception(
        T_UNBOUND_LOCAL_ERROR,
        &format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn free_variable_error(code: Gc<PyCode>, index: usize) -> Gc<PyException> {
    let name = pystr::to_string(code.slot_names().get(index).expect("a cell name"));
    if index < (code.local_count() + code.cell_count()) as usize {
        return unbound_local(code, index);
    }
    new_exception(
        T_NAME_ERROR,
        &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
    )
}

/// The arrays the loop reads at every instruction, seen through views: the handles are
/// checked once each time a frame starts or resumes, not at every access.
struct Views<'a> {
    /// The instruction words (then the inline caches' words).
    instructions: &'a ArrayView<i64>,
    /// How many instructions.
    length: usize,
    slots: &'a ArrayView<Option<GcRef>>,
    /// The constants, then the names from `names_start` (then the caches' references).
    operands: &'a ArrayView<Option<GcRef>>,
    names_start: usize,
    caches: inline_cache::Caches<'a>,
    /// None, True, False and the small ints (`space::COMMON_*`).
    common: &'a ArrayView<Option<GcRef>>,
}

/// What the loop reads of a code object, in one visit to its fields.
pub(crate) struct LoopCode {
    pub words: Gc<ferrite::Array<i64>>,
    pub operands: Gc<Items>,
    pub common_values: Gc<Items>,
    pub instruction_count: i64,
    pub names_at: i64,
    pub cache_refs_at: i64,
}

impl LoopCode {
    /// Read from the code's fields (inside `code.access`).
    #[inline(always)]
    pub fn of(code: &PyCodeAccess) -> LoopCode {
        LoopCode {
            words: code.words(),
            operands: code.operands(),
            common_values: code.common_values(),
            instruction_count: code.instruction_count(),
            names_at: code.names_at(),
            cache_refs_at: code.cache_refs_at(),
        }
    }
}

/// Run the frame's instructions from `pc` until a return, a yield or an error, inside
/// views of the arrays the loop reads.
///
/// The view closures are inline(always) (as ferrite-gc's `with_view` plumbing is), so
/// that the loop is part of `run` and not a function of its own that LLVM declined to
/// inline: one call, prologue and return fewer per frame entered, which measured 19%
/// faster on generators, 10% on deltablue, 8% on float, 6% on nqueens and richards.
#[inline(always)]
fn run_code(
    frame: Gc<PyFrame>,
    code: Gc<PyCode>,
    parts: &LoopCode,
    stack: Gc<Items>,
    (pc, sp, push): (usize, usize, Option<GcRef>),
    at: &mut usize,
) -> PyResult<GcRef> {
    let (length, names_start) = (parts.instruction_count as usize, parts.names_at as usize);
    let names_end = parts.cache_refs_at as usize;
    parts.words.with_view(
        #[inline(always)]
        |words| {
            stack.with_view(
                #[inline(always)]
                |slots| {
                    let sp = match push {
                        Some(value) => {
                            slots.set(sp, Some(value));
                            sp + 1
                        }
                        None => sp,
                    };
                    parts.operands.with_view(
                        #[inline(always)]
                        |operands| {
                            parts.common_values.with_view(
                                #[inline(always)]
                                |common| {
                                    let views = Views {
                                        instructions: words,
                                        length,
                                        slots,
                                        operands,
                                        names_start,
                                        caches: inline_cache::Caches::new(
                                            words, operands, length, names_end,
                                        ),
                                        common,
                                    };
                                    run_loop(frame, code, stack, &views, (pc, sp), at)
                                },
                            )
                        },
                    )
                },
            )
        },
    )
}

#[inline(always)]
fn run_loop(
    frame: Gc<PyFrame>,
    code: Gc<PyCode>,
    stack: Gc<Items>,
    views: &Views,
    (mut pc, mut sp): (usize, usize),
    at: &mut usize,
) -> PyResult<GcRef> {
    let Views {
        instructions,
        length,
        slots,
        operands,
        names_start,
        ref caches,
        common,
    } = *views;
    loop {
        let word = instructions.get(pc) as u32;
        *at = pc;
        pc += 1;
        let opcode = (word & 0xff) as u8;
        let arg = (word >> 8) as usize;
        match opcode {
            op::NOP => {}
            op::POP_TOP => sp -= 1,
            op::COPY => {
                slots.copy_within(sp - arg, sp);
                sp += 1;
            }
            op::SWAP => slots.swap(sp - 1, sp - arg),
            op::PUSH_NULL => {
                slots.set(sp, None);
                sp += 1;
            }
            op::LOAD_CONST => {
                slots.copy_from(sp, operands, arg);
                sp += 1;
            }
            op::LOAD_FAST => {
                if slots.get(arg).is_none() {
                    return Err(unbound_local(code, arg));
                }
                slots.copy_within(arg, sp);
                sp += 1;
                // Two loads in a row (`a + b`, `f(x, y)`) run without a second dispatch,
                // as CPython's LOAD_FAST__LOAD_FAST.
                let next = peek(instructions, length, pc);
                if (next & 0xff) as u8 == op::LOAD_FAST {
                    let arg = (next >> 8) as usize;
                    if slots.get(arg).is_some() {
                        slots.copy_within(arg, sp);
                        sp += 1;
                        pc += 1;
                    }
                }
            }
            op::STORE_FAST => {
                sp -= 1;
                slots.copy_within(sp, arg);
            }
            op::DELETE_FAST => {
                if slots.get(arg).is_none() {
                    return Err(unbound_local(code, arg));
                }
                slots.set(arg, None);
            }
            op::LOAD_CLOSURE => {
                let slot = code.local_count() as usize + arg;
                slots.copy_within(slot, sp);
                sp += 1;
            }
            op::LOAD_DEREF => {
                let slot = code.local_count() as usize + arg;
                let cell = item(slots, slot).downcast::<PyCell>().expect("a cell");
                match cell.contents() {
                    Some(v) => {
                        slots.set(sp, Some(v));
                        sp += 1;
                    }
                    None => return Err(free_variable_error(code, slot)),
                }
            }
            op::STORE_DEREF => {
                sp -= 1;
                let slot = code.local_count() as usize + arg;
                let cell = item(slots, slot).downcast::<PyCell>().expect("a cell");
                cell.set_contents(slots.get(sp));
            }
            op::DELETE_DEREF => {
                let slot = code.local_count() as usize + arg;
                let cell = item(slots, slot).downcast::<PyCell>().expect("a cell");
                if cell.contents().is_none() {
                    return Err(free_variable_error(code, slot));
                }
                cell.set_contents(None);
            }
            op::LOAD_CLASSDEREF => {
                let slot = code.local_count() as usize + arg;
                let name = code.slot_names().get(slot).expect("a name");
                let from_namespace = match frame.namespace() {
                    Some(ns) => frame_ops::namespace_get(ns, name)?,
                    None => None,
                };
                let value = match from_namespace {
                    Some(v) => v,
                    None => {
                        let cell = item(slots, slot).downcast::<PyCell>().expect("a cell");
                        match cell.contents() {
                            Some(v) => v,
                            None => return Err(free_variable_error(code, slot)),
                        }
                    }
                };
                slots.set(sp, Some(value));
                sp += 1;
            }
            op::LOAD_GLOBAL => {
                let name = item(operands, names_start + arg);
                let (globals, builtins) = (frame.globals(), frame.builtins());
                let value = inline_cache::load_global(caches, pc - 1, globals, builtins, name)?
                    .ok_or_else(|| name_error(name))?;
                slots.set(sp, Some(value));
                sp += 1;
            }
            op::STORE_GLOBAL => {
                sp -= 1;
                dict::set_item(
                    frame.globals(),
                    item(operands, names_start + arg),
                    item(slots, sp),
                )?;
            }
            op::DELETE_GLOBAL => {
                let name = item(operands, names_start + arg);
                if dict::del_item(frame.globals(), name)?.is_none() {
                    return Err(name_error(name));
                }
            }
            op::LOAD_NAME => {
                let name = item(operands, names_start + arg);
                let value = load_name(frame, name)?;
                slots.set(sp, Some(value));
                sp += 1;
            }
            op::STORE_NAME => {
                sp -= 1;
                let name = item(operands, names_start + arg);
                let value = item(slots, sp);
                match frame.namespace() {
                    Some(ns) => frame_ops::namespace_set(ns, name, Some(value))?,
                    None => dict::set_item(frame.globals(), name, value)?,
                }
            }
            op::DELETE_NAME => {
                let name = item(operands, names_start + arg);
                let deleted = match frame.namespace() {
                    Some(ns) => frame_ops::namespace_delete(ns, name)?,
                    None => dict::del_item(frame.globals(), name)?.is_some(),
                };
                if !deleted {
                    return Err(name_error(name));
                }
            }
            op::LOAD_ATTR => {
                let object = item(slots, sp - 1);
                let value = inline_cache::load_attr(
                    caches,
                    pc - 1,
                    object,
                    item(operands, names_start + arg),
                )?;
                slots.set(sp - 1, Some(value));
            }
            op::STORE_ATTR => {
                let object = item(slots, sp - 1);
                let value = item(slots, sp - 2);
                sp -= 2;
                inline_cache::store_attr(
                    caches,
                    pc - 1,
                    object,
                    item(operands, names_start + arg),
                    value,
                )?;
            }
            op::DELETE_ATTR => {
                sp -= 1;
                ops::delattr(item(slots, sp), item(operands, names_start + arg))?;
            }
            op::LOAD_METHOD => {
                let object = item(slots, sp - 1);
                let (method, receiver) = inline_cache::load_method(
                    caches,
                    pc - 1,
                    object,
                    item(operands, names_start + arg),
                )?;
                slots.set(sp - 1, Some(method));
                slots.set(sp, receiver);
                sp += 1;
            }
            op::CALL => {
                // Callees may look at their caller's line (`sys._getframe(1).f_lineno`).
                frame.set_last_instruction(pc as i64 - 1);
                let base = sp - arg - 2;
                let callable = item(slots, base);
                let has_receiver = slots.get(base + 1).is_some();
                let (start, count) = if has_receiver {
                    (base + 1, arg + 1)
                } else {
                    (base + 2, arg)
                };
                let fast = match callable.load_as::<PyFunction>() {
                    Some(function) => {
                        let args = call::Positional::Stack {
                            values: slots,
                            start,
                            count,
                        };
                        call::call_positional(callable, &function, args)
                    }
                    None => None,
                };
                let result = if let Some(result) = fast {
                    result?
                } else if has_receiver {
                    call_from_stack(stack, slots, base, arg, None)?
                } else if let Some((t, init)) =
                    inline_cache::constructor_call(caches, pc - 1, callable)
                {
                    call::construct_plain(t, init, stack, slots, base + 2, arg)?
                } else {
                    call_from_stack(stack, slots, base, arg, None)?
                };
                sp = base;
                slots.set(sp, Some(result));
                sp += 1;
            }
            op::CALL_KW => {
                frame.set_last_instruction(pc as i64 - 1);
                let kwnames = item(slots, sp - 1);
                sp -= 1;
                let base = sp - arg - 2;
                let result = call_from_stack(stack, slots, base, arg, Some(kwnames))?;
                sp = base;
                slots.set(sp, Some(result));
                sp += 1;
            }
            op::CALL_FUNCTION_EX => {
                frame.set_last_instruction(pc as i64 - 1);
                let kwargs = if arg & 1 != 0 {
                    sp -= 1;
                    Some(item(slots, sp))
                } else {
                    None
                };
                let positional = item(slots, sp - 1);
                let function = item(slots, sp - 3);
                sp -= 3;
                let result = frame_ops::call_unpacked(function, positional, kwargs)?;
                slots.set(sp, Some(result));
                sp += 1;
            }
            op::BINARY_OP => {
                let right = item(slots, sp - 1);
                let left = item(slots, sp - 2);
                sp -= 1;
                let result = binary(common, left, right, arg as u32)?;
                slots.set(sp - 1, Some(result));
            }
            op::UNARY_NEGATIVE => {
                let value = ops::unary_negative(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(value));
            }
            op::UNARY_POSITIVE => {
                let value = ops::unary_positive(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(value));
            }
            op::UNARY_INVERT => {
                let value = ops::unary_invert(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(value));
            }
            op::UNARY_NOT => {
                let truth = ops::truthy(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(bool_value(common, !truth)));
            }
            op::COMPARE_OP => {
                let right = item(slots, sp - 1);
                let left = item(slots, sp - 2);
                // A comparison of built-in values followed by a conditional jump (`if a
                // < b:`, `while i < n:`) jumps at once, without making a bool (CPython's
                // COMPARE_OP_INT_JUMP).
                if let Some(result) = compare_builtin(left, right, arg as u32) {
                    let next = peek(instructions, length, pc);
                    let jump_if = match (next & 0xff) as u8 {
                        op::POP_JUMP_IF_FALSE => Some(false),
                        op::POP_JUMP_IF_TRUE => Some(true),
                        _ => None,
                    };
                    if let Some(jump_if) = jump_if {
                        sp -= 2;
                        pc = if result == jump_if {
                            (next >> 8) as usize
                        } else {
                            pc + 1
                        };
                        continue;
                    }
                    sp -= 1;
                    slots.set(sp - 1, Some(bool_value(common, result)));
                    continue;
                }
                sp -= 1;
                let result = ops::compare(left, right, arg as u32)?;
                slots.set(sp - 1, Some(result));
            }
            op::IS_OP => {
                let right = item(slots, sp - 1);
                let left = item(slots, sp - 2);
                sp -= 1;
                let same = left == right;
                slots.set(sp - 1, Some(bool_value(common, same != (arg != 0))));
            }
            op::CONTAINS_OP => {
                let container = item(slots, sp - 1);
                let value = item(slots, sp - 2);
                sp -= 1;
                let found = ops::contains(container, value)?;
                slots.set(sp - 1, Some(bool_value(common, found != (arg != 0))));
            }
            op::BINARY_SUBSCR => {
                let index = item(slots, sp - 1);
                let container = item(slots, sp - 2);
                sp -= 1;
                let value = subscript(container, index)?;
                slots.set(sp - 1, Some(value));
            }
            op::STORE_SUBSCR => {
                let index = item(slots, sp - 1);
                let container = item(slots, sp - 2);
                let value = item(slots, sp - 3);
                sp -= 3;
                ops::setitem(container, index, value)?;
            }
            op::DELETE_SUBSCR => {
                let index = item(slots, sp - 1);
                let container = item(slots, sp - 2);
                sp -= 2;
                ops::delitem(container, index)?;
            }
            op::BUILD_TUPLE => {
                let value = tuple::from_array(stack, sp - arg, arg)?;
                sp -= arg;
                slots.set(sp, Some(value));
                sp += 1;
            }
            op::BUILD_LIST => {
                let value = list::from_array(stack, sp - arg, arg)?;
                sp -= arg;
                slots.set(sp, Some(value.erase()));
                sp += 1;
            }
            op::BUILD_SET => {
                let set = crate::objects::set::new_set(false)?;
                for i in sp - arg..sp {
                    crate::objects::set::add(set, item(slots, i))?;
                }
                sp -= arg;
                slots.set(sp, Some(set.erase()));
                sp += 1;
            }
            op::BUILD_MAP => {
                let d = dict::new_dict_sized(arg)?;
                let first = sp - 2 * arg;
                for i in 0..arg {
                    dict::set_item(
                        d,
                        item(slots, first + 2 * i),
                        item(slots, first + 2 * i + 1),
                    )?;
                }
                sp = first;
                slots.set(sp, Some(d.erase()));
                sp += 1;
            }
            op::BUILD_CONST_KEY_MAP => {
                let keys = item(slots, sp - 1);
                let first = sp - 1 - arg;
                let d = dict::new_dict_sized(arg)?;
                for i in 0..arg {
                    dict::set_item(d, tuple::get(keys, i), item(slots, first + i))?;
                }
                sp = first;
                slots.set(sp, Some(d.erase()));
                sp += 1;
            }
            op::BUILD_STRING => {
                let value = frame_ops::join_strings(stack, sp - arg, arg)?;
                sp -= arg;
                slots.set(sp, Some(value));
                sp += 1;
            }
            op::BUILD_SLICE => {
                let step = if arg == 3 {
                    sp -= 1;
                    item(slots, sp)
                } else {
                    space::none()
                };
                let stop = item(slots, sp - 1);
                let start = item(slots, sp - 2);
                sp -= 2;
                let slice = crate::objects::alloc(PySlice { start, stop, step })?;
                slots.set(sp, Some(slice.erase()));
                sp += 1;
            }
            op::LIST_APPEND => {
                sp -= 1;
                let value = item(slots, sp);
                let target = item(slots, sp - arg).downcast::<PyList>().expect("a list");
                list::append(target, value)?;
            }
            op::SET_ADD => {
                sp -= 1;
                let value = item(slots, sp);
                let target = item(slots, sp - arg).downcast::<PySet>().expect("a set");
                crate::objects::set::add(target, value)?;
            }
            op::MAP_ADD => {
                let value = item(slots, sp - 1);
                let key = item(slots, sp - 2);
                sp -= 2;
                let target = item(slots, sp - arg).downcast::<PyDict>().expect("a dict");
                dict::set_item(target, key, value)?;
            }
            op::LIST_EXTEND => {
                sp -= 1;
                let iterable = item(slots, sp);
                let target = item(slots, sp - arg).downcast::<PyList>().expect("a list");
                frame_ops::list_extend(target, iterable)
                    .map_err(|e| frame_ops::star_error(e, iterable))?;
            }
            op::SET_UPDATE => {
                sp -= 1;
                let target = item(slots, sp - arg).downcast::<PySet>().expect("a set");
                crate::objects::set::update(target, item(slots, sp))?;
            }
            op::DICT_UPDATE => {
                sp -= 1;
                let other = item(slots, sp);
                let target = item(slots, sp - arg).downcast::<PyDict>().expect("a dict");
                frame_ops::dict_update(target, other).map_err(|e| {
                    if is_instance_of(e, T_ATTRIBUTE_ERROR) {
                        new_exception(
                            T_TYPE_ERROR,
                            &format!("'{}' object is not a mapping", type_name_of(other)),
                        )
                    } else {
                        e
                    }
                })?;
            }
            op::DICT_MERGE => {
                sp -= 1;
                let other = item(slots, sp);
                let target = item(slots, sp - arg).downcast::<PyDict>().expect("a dict");
                let function = item(slots, sp - arg - 3);
                frame_ops::dict_merge(target, other, function)?;
            }
            op::LIST_TO_TUPLE => {
                let l = item(slots, sp - 1).downcast::<PyList>().expect("a list");
                let value = tuple::from_array(l.items(), 0, list::len(l))?;
                slots.set(sp - 1, Some(value));
            }
            op::UNPACK_SEQUENCE => {
                let sequence = item(slots, sp - 1);
                sp -= 1;
                frame_ops::unpack(sequence, arg, stack, sp)?;
                sp += arg;
            }
            op::UNPACK_EX => {
                let before = arg & 0xff;
                let after = arg >> 8;
                let sequence = item(slots, sp - 1);
                sp -= 1;
                frame_ops::unpack_ex(sequence, before, after, stack, sp)?;
                sp += before + after + 1;
            }
            op::FORMAT_VALUE => {
                let spec = if arg & 4 != 0 {
                    sp -= 1;
                    Some(item(slots, sp))
                } else {
                    None
                };
                let value = item(slots, sp - 1);
                let formatted = frame_ops::format_value(value, arg & 3, spec)?;
                slots.set(sp - 1, Some(formatted));
            }
            op::JUMP_FORWARD | op::JUMP_BACKWARD => pc = arg,
            op::POP_JUMP_IF_FALSE => {
                sp -= 1;
                if !truth(item(slots, sp))? {
                    pc = arg;
                }
            }
            op::POP_JUMP_IF_TRUE => {
                sp -= 1;
                if truth(item(slots, sp))? {
                    pc = arg;
                }
            }
            op::POP_JUMP_IF_NONE => {
                sp -= 1;
                if slots.get(sp) == common.get(COMMON_NONE) {
                    pc = arg;
                }
            }
            op::POP_JUMP_IF_NOT_NONE => {
                sp -= 1;
                if slots.get(sp) != common.get(COMMON_NONE) {
                    pc = arg;
                }
            }
            op::JUMP_IF_FALSE_OR_POP => {
                if !truth(item(slots, sp - 1))? {
                    pc = arg;
                } else {
                    sp -= 1;
                }
            }
            op::JUMP_IF_TRUE_OR_POP => {
                if truth(item(slots, sp - 1))? {
                    pc = arg;
                } else {
                    sp -= 1;
                }
            }
            op::GET_ITER => {
                let it = ops::iter(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(it));
            }
            op::FOR_ITER => {
                let iterator = item(slots, sp - 1);
                match for_next(iterator)? {
                    Some(value) => {
                        slots.set(sp, Some(value));
                        sp += 1;
                    }
                    None => {
                        sp -= 1;
                        pc = arg;
                    }
                }
            }
            op::RETURN_VALUE => {
                sp -= 1;
                let value = item(slots, sp);
                // A frame nothing else can see is cleared as it returns, so that it keeps
                // nothing alive if its code keeps it for reuse (see `call::keep_frame`).
                let escaped = frame.access(|f| {
                    f.set_state(FRAME_DONE);
                    f.escaped()
                });
                if !escaped {
                    slots.fill(None);
                }
                return Ok(value);
            }
            op::YIELD_VALUE => {
                sp -= 1;
                let value = item(slots, sp);
                frame.access(|f| {
                    f.set_pc(pc as i64);
                    f.set_sp(sp as i64);
                    f.set_last_instruction(pc as i64 - 1);
                    f.set_state(FRAME_SUSPENDED);
                });
                return Ok(value);
            }
            op::MAKE_FUNCTION => {
                let code_object = item(slots, sp - 1)
                    .downcast::<PyCode>()
                    .expect("a code object");
                sp -= 1;
                let function =
                    crate::objects::function::new_function(code_object, frame.globals())?;
                if arg & 8 != 0 {
                    sp -= 1;
                    function.set_closure(Some(item(slots, sp)));
                }
                if arg & 4 != 0 {
                    sp -= 1;
                    function.set_annotations(Some(frame_ops::annotations_dict(item(slots, sp))?));
                }
                if arg & 2 != 0 {
                    sp -= 1;
                    function.set_kwdefaults(Some(item(slots, sp)));
                }
                if arg & 1 != 0 {
                    sp -= 1;
                    function.set_defaults(Some(item(slots, sp)));
                }
                slots.set(sp, Some(function.erase()));
                sp += 1;
            }
            op::LOAD_BUILD_CLASS => {
                let build_class =
                    dict::get_str(frame.builtins(), pystr::intern("__build_class__")?);
                match build_class {
                    Some(f) => {
                        slots.set(sp, Some(f));
                        sp += 1;
                    }
                    None => return Err(new_exception(T_NAME_ERROR, "__build_class__ not found")),
                }
            }
            op::IMPORT_NAME => {
                let fromlist = item(slots, sp - 1);
                let level = item(slots, sp - 2);
                sp -= 1;
                let module = crate::runtime::import::import_name(
                    item(operands, names_start + arg),
                    frame.globals(),
                    fromlist,
                    level,
                )?;
                slots.set(sp - 1, Some(module));
            }
            op::IMPORT_FROM => {
                let module = item(slots, sp - 1);
                let value =
                    crate::runtime::import::import_from(module, item(operands, names_start + arg))?;
                slots.set(sp, Some(value));
                sp += 1;
            }
            op::IMPORT_STAR => {
                sp -= 1;
                let module = item(slots, sp);
                let target = match frame.namespace() {
                    Some(ns) => ns,
                    None => frame.globals().erase(),
                };
                crate::runtime::import::import_star(module, target)?;
            }
            op::RAISE_VARARGS => {
                sp -= arg;
                let e = frame_ops::raise(stack, sp, arg)?;
                frame.set_last_instruction(pc as i64 - 1);
                if arg > 0 {
                    set_context(e);
                    exception::add_traceback(e, frame, frame.last_instruction())?;
                }
                return Err(e);
            }
            op::RERAISE => {
                sp -= 1;
                let e = item(slots, sp)
                    .downcast::<PyException>()
                    .expect("an exception");
                return Err(e);
            }
            op::PUSH_EXC_INFO => {
                let e = item(slots, sp - 1);
                slots.set(sp - 1, Some(space::handled().unwrap_or_else(space::none)));
                slots.set(sp, Some(e));
                sp += 1;
                space::set_handled(Some(e));
            }
            op::POP_EXCEPT => {
                sp -= 1;
                let previous = item(slots, sp);
                space::set_handled((!crate::objects::is_none(previous)).then_some(previous));
            }
            op::CHECK_EXC_MATCH => {
                let types = item(slots, sp - 1);
                let e = item(slots, sp - 2);
                let matched = frame_ops::exception_matches(e, types)?;
                slots.set(sp - 1, Some(space::bool_(matched)));
            }
            op::CHECK_EG_MATCH => {
                let types = item(slots, sp - 1);
                let e = item(slots, sp - 2);
                let (matched, rest) = exception::except_star_match(e, types)?;
                match matched {
                    Some(m) => {
                        slots.set(sp - 2, Some(rest.unwrap_or_else(space::none)));
                        slots.set(sp - 1, Some(m));
                        space::set_handled(Some(m));
                    }
                    None => {
                        slots.set(sp - 1, Some(space::none()));
                    }
                }
            }
            op::PREP_RERAISE_STAR => {
                let raised = item(slots, sp - 1);
                let original = item(slots, sp - 2);
                sp -= 1;
                let result = exception::prep_reraise_star(original, raised)?;
                slots.set(sp - 1, Some(result));
            }
            op::WITH_EXCEPT_START => {
                let e = item(slots, sp - 1);
                let exit = item(slots, sp - 3);
                let exc_type = space::type_of(e).erase();
                let traceback = e
                    .downcast::<PyException>()
                    .and_then(|x| x.traceback())
                    .unwrap_or_else(space::none);
                let result = call::call_function(exit, &[exc_type, e, traceback])?;
                slots.set(sp, Some(result));
                sp += 1;
            }
            op::BEFORE_WITH => {
                let manager = item(slots, sp - 1);
                let (exit, entered) = frame_ops::enter_context(manager, false)?;
                slots.set(sp - 1, Some(exit));
                slots.set(sp, Some(entered));
                sp += 1;
            }
            op::BEFORE_ASYNC_WITH => {
                let manager = item(slots, sp - 1);
                let (exit, entered) = frame_ops::enter_context(manager, true)?;
                slots.set(sp - 1, Some(exit));
                slots.set(sp, Some(entered));
                sp += 1;
            }
            op::SEND => {
                let value = item(slots, sp - 1);
                let receiver = item(slots, sp - 2);
                frame.access(|f| {
                    f.set_pc(pc as i64);
                    f.set_sp(sp as i64);
                });
                match generator::send(receiver, value)? {
                    Resumed::Yielded(v) => {
                        slots.set(sp - 1, Some(v));
                    }
                    Resumed::Returned(v) => {
                        sp -= 1;
                        slots.set(sp - 1, Some(v));
                        pc = arg;
                    }
                }
            }
            op::GET_YIELD_FROM_ITER => {
                let value = item(slots, sp - 1);
                let is_coroutine = value
                    .downcast::<PyGenerator>()
                    .is_some_and(|g| g.kind() as usize == T_COROUTINE);
                if is_coroutine {
                    if code.flags() & crate::compiler::bytecode::flags::COROUTINE == 0 {
                        return type_error(
                            "cannot 'yield from' a coroutine object in a non-coroutine generator",
                        );
                    }
                } else if !value.is::<PyGenerator>() {
                    let it = ops::iter(value)?;
                    slots.set(sp - 1, Some(it));
                }
            }
            op::GET_AWAITABLE => {
                let value = generator::awaitable(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(value));
            }
            op::GET_AITER => {
                let value = frame_ops::aiter(item(slots, sp - 1))?;
                slots.set(sp - 1, Some(value));
            }
            op::GET_ANEXT => {
                let awaitable = frame_ops::anext_awaitable(item(slots, sp - 1))?;
                slots.set(sp, Some(awaitable));
                sp += 1;
            }
            op::END_ASYNC_FOR => {
                let e = item(slots, sp - 1);
                sp -= 2;
                let e = e.downcast::<PyException>().expect("an exception");
                if !is_instance_of(e, T_STOP_ASYNC_ITERATION) {
                    return Err(e);
                }
            }
            op::SETUP_ANNOTATIONS => {
                let annotations = space::name(crate::runtime::names::N::annotations);
                match frame.namespace() {
                    Some(ns) => {
                        if frame_ops::namespace_get(ns, annotations)?.is_none() {
                            frame_ops::namespace_set(
                                ns,
                                annotations,
                                Some(dict::new_dict()?.erase()),
                            )?;
                        }
                    }
                    None => {
                        if dict::get_str(frame.globals(), annotations).is_none() {
                            dict::set_item(
                                frame.globals(),
                                annotations,
                                dict::new_dict()?.erase(),
                            )?;
                        }
                    }
                }
            }
            op::LOAD_ASSERTION_ERROR => {
                slots.set(sp, Some(space::builtin_type(T_ASSERTION_ERROR).erase()));
                sp += 1;
            }
            op::MATCH_CLASS => {
                let attribute_names = item(slots, sp - 1);
                let class = item(slots, sp - 2);
                let subject = item(slots, sp - 3);
                sp -= 2;
                let result =
                    crate::runtime::patterns::match_class(subject, class, arg, attribute_names)?;
                slots.set(sp - 1, Some(result.unwrap_or_else(space::none)));
            }
            op::MATCH_MAPPING => {
                let is_mapping = crate::runtime::patterns::is_mapping(item(slots, sp - 1));
                slots.set(sp, Some(space::bool_(is_mapping)));
                sp += 1;
            }
            op::MATCH_SEQUENCE => {
                let is_sequence = crate::runtime::patterns::is_sequence(item(slots, sp - 1));
                slots.set(sp, Some(space::bool_(is_sequence)));
                sp += 1;
            }
            op::MATCH_KEYS => {
                let keys = item(slots, sp - 1);
                let subject = item(slots, sp - 2);
                let values = crate::runtime::patterns::match_keys(subject, keys, arg != 0)?;
                slots.set(sp, Some(values.unwrap_or_else(space::none)));
                sp += 1;
            }
            op::GET_LEN => {
                let n = ops::len(item(slots, sp - 1))?;
                slots.set(sp, Some(new_int(n)?));
                sp += 1;
            }
            op::PRINT_EXPR => {
                sp -= 1;
                crate::builtins::display_hook(item(slots, sp))?;
            }
            _ => return runtime_error(format!("unknown opcode {opcode}")),
        }
    }
}

fn name_error(name: GcRef) -> Gc<PyException> {
    let text = pystr::to_string(name);
    let e = new_exception(T_NAME_ERROR, &format!("name '{text}' is not defined"));
    set_name_attribute(e, &text);
    e
}

fn load_global(frame: Gc<PyFrame>, name: GcRef) -> PyResult<GcRef> {
    if let Some(v) = dict::get_str(frame.globals(), name) {
        return Ok(v);
    }
    if let Some(v) = dict::get_str(frame.builtins(), name) {
        return Ok(v);
    }
    Err(name_error(name))
}

fn load_name(frame: Gc<PyFrame>, name: GcRef) -> PyResult<GcRef> {
    if let Some(ns) = frame.namespace() {
        if let Some(v) = frame_ops::namespace_get(ns, name)? {
            return Ok(v);
        }
    }
    load_global(frame, name)
}

/// A call with the callable at `slots[base]`, the receiver or NULL at `base + 1`, then
/// `count` arguments (the last ones keywords, named by `kwnames`).
#[inline(always)]
fn call_from_stack(
    stack: Gc<Items>,
    slots: &ArrayView<Option<GcRef>>,
    base: usize,
    count: usize,
    kwnames: Option<GcRef>,
) -> PyResult<GcRef> {
    let callable = item(slots, base);
    if slots.get(base + 1).is_some() {
        // LOAD_METHOD found a method: the receiver is the first argument.
        let args = Args::new(stack, base + 1, count + 1, kwnames);
        return call::call_object(callable, &args);
    }
    call::call_with_spare_slot(callable, Args::new(stack, base + 2, count, kwnames))
}
