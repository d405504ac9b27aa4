//! Generators, coroutines and async generators: a suspended frame resumed by `next`,
//! `send`, `throw` and `close`, and the delegation that `yield from` and `await` do
//! (`SEND`).

use ferrite::{Gc, GcRef};

use crate::builtins::registry::{self, Args, NativeDef};
use crate::compiler::bytecode::{flags, op};
use crate::objects::layout::*;
use crate::objects::typeobject::{lookup_name, type_name_of};
use crate::objects::{alloc, exception, str as pystr};
use crate::runtime::errors::*;
use crate::runtime::names::N;
use crate::runtime::space::{self, *};
use crate::runtime::{call, eval, ops};

pub fn new_generator(frame: Gc<PyFrame>, function: Gc<PyFunction>) -> PyResult<GcRef> {
    let code = frame.code();
    let kind = if code.flags() & flags::COROUTINE != 0 {
        T_COROUTINE
    } else if code.flags() & flags::ASYNC_GENERATOR != 0 {
        T_ASYNC_GENERATOR
    } else {
        T_GENERATOR
    };
    Ok(alloc(PyGenerator {
        frame,
        kind: kind as i64,
        name: function.name(),
        qualname: function.qualname(),
        delegate: None,
    })?
    .erase())
}

/// What resuming a generator led to.
pub enum Resumed {
    Yielded(GcRef),
    Returned(GcRef),
}

fn kind_name(g: Gc<PyGenerator>) -> &'static str {
    match g.kind() as usize {
        T_COROUTINE => "coroutine",
        T_ASYNC_GENERATOR => "async generator",
        _ => "generator",
    }
}

/// Resume `g` with `value` sent in (or `throw` raised at its `yield`).
pub fn resume(
    g: Gc<PyGenerator>,
    value: GcRef,
    throw: Option<Gc<PyException>>,
) -> PyResult<Resumed> {
    if throw.is_none() {
        if let Some(stepped) = step(g, value) {
            return stepped;
        }
    }
    resume_general(g, value, throw)
}

/// `resume` in its common case, a new or suspended generator resumed without an
/// exception, in as few visits to the frame as the step allows (this runs at every
/// step): one to check its state and set it running, reading what `eval::run` starts
/// from, and one after it yields or returns. None, having done nothing, in every other
/// case (including a recursion error), for `resume_general`.
#[inline(always)]
fn step(g: Gc<PyGenerator>, value: GcRef) -> Option<PyResult<Resumed>> {
    let frame = g.frame();
    let caller = space::enter_call().ok()?;
    let entered = frame.access(|f| {
        let push = match f.state() {
            // The value the suspended `yield` evaluates to.
            eval::FRAME_SUSPENDED => Some(value),
            eval::FRAME_CREATED if crate::objects::is_none(value) => None,
            _ => return None,
        };
        f.set_back(caller);
        f.set_state(eval::FRAME_RUNNING);
        Some((f.code(), f.slots(), f.pc(), f.sp(), push, f.handled()))
    });
    let Some((code, stack, pc, sp, push, own_handled)) = entered else {
        space::leave_frame(caller);
        return None;
    };
    space::set_current_frame(Some(frame));
    let outer_handled = enter_handled(own_handled);
    let start = eval::Start {
        code,
        parts: code.access(eval::LoopCode::of),
        stack,
        pc: pc as usize,
        sp: sp as usize,
        push,
    };
    let result = eval::run(frame, Some(start), None);
    space::leave_frame(caller);
    Some(finish_step(g, frame, result, outer_handled, own_handled))
}

/// `resume` in every case: errors for a running or finished generator or a value sent
/// to a new one, and exceptions thrown in.
fn resume_general(
    g: Gc<PyGenerator>,
    value: GcRef,
    throw: Option<Gc<PyException>>,
) -> PyResult<Resumed> {
    let PyGenerator { frame, kind, .. } = g.load();
    let PyFrame {
        state,
        sp,
        slots,
        handled: own_handled,
        ..
    } = frame.load();
    let mut resume_sp = None;
    match state {
        eval::FRAME_RUNNING => {
            return value_error(format!("{} already executing", kind_name(g)));
        }
        eval::FRAME_DONE => {
            if let Some(e) = throw {
                return Err(e);
            }
            if kind as usize == T_COROUTINE {
                return runtime_error("cannot reuse already awaited coroutine");
            }
            return Ok(Resumed::Returned(space::none()));
        }
        eval::FRAME_CREATED => {
            if throw.is_none() && !crate::objects::is_none(value) {
                return type_error(format!(
                    "can't send non-None value to a just-started {}",
                    kind_name(g)
                ));
            }
            if let Some(e) = throw {
                // Thrown before it started: it ends with that exception, never running.
                frame.set_state(eval::FRAME_DONE);
                return Err(e);
            }
        }
        _ => {
            // The value the suspended `yield` evaluates to.
            slots.set(sp as usize, Some(value));
            resume_sp = Some(sp + 1);
        }
    }
    let outer_handled = enter_handled(own_handled);
    let result = eval::execute_frame_at(frame, resume_sp, throw);
    finish_step(g, frame, result, outer_handled, own_handled)
}

/// Make the generator's own exception being handled (`own_handled`, if any) current
/// while it runs; the caller's, to restore in `finish_step`.
#[inline(always)]
fn enter_handled(own_handled: Option<GcRef>) -> Option<GcRef> {
    let outer_handled = space::handled();
    if own_handled.is_some() {
        space::set_handled(own_handled);
    }
    outer_handled
}

/// After a step of `g` (its `frame` run with the exception being handled switched from
/// `outer_handled` to `own_handled`): the exception handled switched back, the frame
/// detached from its caller, and what the step led to.
#[inline(always)]
fn finish_step(
    g: Gc<PyGenerator>,
    frame: Gc<PyFrame>,
    result: PyResult<GcRef>,
    outer_handled: Option<GcRef>,
    own_handled: Option<GcRef>,
) -> PyResult<Resumed> {
    let current = space::handled();
    let own = if current == outer_handled {
        None
    } else {
        current
    };
    let state = frame.access(|f| {
        // A suspended generator has no caller (CPython's `gi_frame.f_back` is None then),
        // and the caller's frame may be reused once it returns.
        f.set_back(None);
        if own != own_handled {
            f.set_handled(own);
        }
        f.state()
    });
    if current != outer_handled {
        space::set_handled(outer_handled);
    }
    match result {
        Ok(v) => {
            if state == eval::FRAME_SUSPENDED {
                Ok(Resumed::Yielded(v))
            } else {
                Ok(Resumed::Returned(v))
            }
        }
        Err(e) => {
            frame.set_state(eval::FRAME_DONE);
            if is_instance_of(e, T_STOP_ITERATION) {
                let message = match g.kind() as usize {
                    T_COROUTINE => "coroutine raised StopIteration",
                    T_ASYNC_GENERATOR => "async generator raised StopIteration",
                    _ => "generator raised StopIteration",
                };
                let replacement = new_exception(T_RUNTIME_ERROR, message);
                replacement.set_cause(Some(e.erase()));
                replacement.set_context(Some(e.erase()));
                replacement.set_suppress_context(true);
                return Err(replacement);
            }
            Err(e)
        }
    }
}

/// `next(g)`: the next value, or None when the generator returns.
pub fn next(g: Gc<PyGenerator>) -> PyResult<Option<GcRef>> {
    match resume(g, space::none(), None)? {
        Resumed::Yielded(v) => Ok(Some(v)),
        Resumed::Returned(_) => Ok(None),
    }
}

/// `StopIteration(value)` (no arguments for None), what `send` raises at the end.
pub fn stop_iteration(value: GcRef) -> Gc<PyException> {
    if crate::objects::is_none(value) {
        new_exception_args(T_STOP_ITERATION, &[])
    } else {
        new_exception_args(T_STOP_ITERATION, &[value])
    }
}

/// `SEND`: pass `value` to the delegate `receiver`. `Ok(Yielded)` when it yields, and
/// `Ok(Returned)` when it finishes (StopIteration's value).
pub fn send(receiver: GcRef, value: GcRef) -> PyResult<Resumed> {
    if let Some(g) = receiver.downcast::<PyGenerator>() {
        return resume(g, value, None);
    }
    let result = if crate::objects::is_none(value) {
        ops::next_raw(receiver)
    } else {
        ops::call_method(receiver, "send", &[value])
    };
    match result {
        Ok(v) => Ok(Resumed::Yielded(v)),
        Err(e) if is_instance_of(e, T_STOP_ITERATION) => Ok(Resumed::Returned(stop_value(e))),
        Err(e) => Err(e),
    }
}

/// The value a StopIteration carries.
pub fn stop_value(e: Gc<PyException>) -> GcRef {
    let args = e.args();
    if crate::objects::tuple::len(args) > 0 {
        crate::objects::tuple::get(args, 0)
    } else {
        space::none()
    }
}

/// `throw` into a delegating generator: passed on to the delegate first (`yield from`).
pub fn throw(g: Gc<PyGenerator>, e: Gc<PyException>) -> PyResult<Resumed> {
    if let Some(delegate) = delegate_of(g) {
        if is_instance_of(e, T_GENERATOR_EXIT) {
            close_delegate(delegate)?;
            return resume(g, space::none(), Some(e));
        }
        let thrown = if let Some(inner) = delegate.downcast::<PyGenerator>() {
            throw(inner, e)
        } else {
            match ops::getattr_opt(delegate, pystr::intern("throw")?)? {
                Some(method) => match call::call_function(method, &[e.erase()]) {
                    Ok(v) => Ok(Resumed::Yielded(v)),
                    Err(err) if is_instance_of(err, T_STOP_ITERATION) => {
                        Ok(Resumed::Returned(stop_value(err)))
                    }
                    Err(err) => Err(err),
                },
                None => return resume(g, space::none(), Some(e)),
            }
        };
        return match thrown {
            Ok(Resumed::Yielded(v)) => Ok(Resumed::Yielded(v)),
            // The delegate finished: its value is what `yield from` evaluates to.
            Ok(Resumed::Returned(v)) => finish_delegation(g, v),
            Err(err) => resume(g, space::none(), Some(err)),
        };
    }
    resume(g, space::none(), Some(e))
}

/// The iterator a generator suspended in `yield from`/`await` delegates to.
fn delegate_of(g: Gc<PyGenerator>) -> Option<GcRef> {
    let frame = g.frame();
    if frame.state() != eval::FRAME_SUSPENDED {
        return None;
    }
    suspended_delegate(frame)
}

fn close_delegate(delegate: GcRef) -> PyResult<()> {
    if let Some(inner) = delegate.downcast::<PyGenerator>() {
        return close(inner);
    }
    if let Some(method) = ops::getattr_opt(delegate, pystr::intern("close")?)? {
        call::call_function(method, &[])?;
    }
    Ok(())
}

/// `close()`: raise GeneratorExit at the `yield`; the generator must not yield again.
pub fn close(g: Gc<PyGenerator>) -> PyResult<()> {
    let frame = g.frame();
    if frame.state() == eval::FRAME_CREATED {
        frame.set_state(eval::FRAME_DONE);
        return Ok(());
    }
    if frame.state() == eval::FRAME_DONE {
        return Ok(());
    }
    let exit = new_exception_args(T_GENERATOR_EXIT, &[]);
    match throw(g, exit) {
        Ok(Resumed::Yielded(_)) => runtime_error(format!("{} ignored GeneratorExit", kind_name(g))),
        Ok(Resumed::Returned(_)) => Ok(()),
        Err(e) if is_instance_of(e, T_GENERATOR_EXIT) || is_instance_of(e, T_STOP_ITERATION) => {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

pub fn methods() -> Vec<NativeDef> {
    use registry::*;
    let mut defs = Vec::new();
    for kind in [T_GENERATOR, T_COROUTINE, T_ASYNC_GENERATOR] {
        defs.push(method(kind, "send", generator_send));
        defs.push(method(kind, "throw", generator_throw));
        defs.push(method(kind, "close", generator_close));
        defs.push(method(kind, "__repr__", generator_repr));
        defs.push(property(kind, "__name__", generator_name, None));
        defs.push(property(kind, "__qualname__", generator_qualname, None));
    }
    defs.push(method(T_GENERATOR, "__iter__", generator_iter));
    defs.push(method(T_GENERATOR, "__next__", generator_next));
    defs.push(property(T_GENERATOR, "gi_running", generator_running, None));
    defs.push(property(T_GENERATOR, "gi_frame", generator_frame, None));
    defs.push(property(T_GENERATOR, "gi_code", generator_code, None));
    defs.push(property(
        T_GENERATOR,
        "gi_yieldfrom",
        generator_yieldfrom,
        None,
    ));
    defs.push(method(T_COROUTINE, "__await__", generator_iter));
    defs.push(property(T_COROUTINE, "cr_running", generator_running, None));
    defs.push(property(T_COROUTINE, "cr_frame", generator_frame, None));
    defs.push(property(T_COROUTINE, "cr_code", generator_code, None));
    defs.push(property(T_COROUTINE, "cr_await", generator_yieldfrom, None));
    defs.push(method(T_ASYNC_GENERATOR, "__aiter__", generator_iter));
    defs.push(method(
        T_ASYNC_GENERATOR,
        "__anext__",
        async_generator_anext,
    ));
    defs.push(method(T_ASYNC_GENERATOR, "asend", async_generator_asend));
    defs.push(method(T_ASYNC_GENERATOR, "aclose", async_generator_aclose));
    defs.push(method(T_ASYNC_GENERATOR, "athrow", async_generator_athrow));
    defs
}

fn as_generator(object: GcRef) -> PyResult<Gc<PyGenerator>> {
    match object.downcast::<PyGenerator>() {
        Some(g) => Ok(g),
        None => type_error(format!(
            "descriptor requires a 'generator' object but received a '{}'",
            type_name_of(object)
        )),
    }
}

fn generator_send(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    args.expect_positional("send", 2, 2)?;
    match resume(g, args.get(1), None)? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

fn generator_next(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    match resume(g, space::none(), None)? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

/// The exception `throw(type[, value[, traceback]])` raises.
fn thrown_exception(args: &Args) -> PyResult<Gc<PyException>> {
    let first = args.get(1);
    let e = if let Some(e) = first.downcast::<PyException>() {
        if args.len() > 2 && !crate::objects::is_none(args.get(2)) {
            return type_error("instance exception may not have a separate value");
        }
        e
    } else if exception::is_exception_class(first) {
        match args.get_opt(2).filter(|v| !crate::objects::is_none(*v)) {
            Some(v)
                if v.downcast::<PyException>().is_some_and(|e| {
                    crate::objects::typeobject::is_subtype(
                        e.cls(),
                        first.downcast::<PyType>().expect("a class"),
                    )
                }) =>
            {
                v.downcast::<PyException>().expect("an exception")
            }
            Some(v) => exception::from_raised(call::call_function(first, &[v])?)?,
            None => exception::from_raised(first)?,
        }
    } else {
        return type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            type_name_of(first)
        ));
    };
    if let Some(tb) = args.get_opt(3).filter(|t| !crate::objects::is_none(*t)) {
        e.set_traceback(Some(tb));
    }
    Ok(e)
}

fn generator_throw(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    args.expect_positional("throw", 2, 4)?;
    let e = thrown_exception(args)?;
    match throw(g, e)? {
        Resumed::Yielded(v) => Ok(v),
        Resumed::Returned(v) => Err(stop_iteration(v)),
    }
}

fn generator_close(args: &Args) -> PyResult<GcRef> {
    close(as_generator(args.get(0))?)?;
    Ok(space::none())
}

fn generator_repr(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    let kind = match g.kind() as usize {
        T_COROUTINE => "coroutine",
        T_ASYNC_GENERATOR => "async_generator",
        _ => "generator",
    };
    pystr::new_string(format!(
        "<{kind} object {} at {:#x}>",
        pystr::to_string(g.qualname()),
        g.erase().address()
    ))
}

fn generator_name(args: &Args) -> PyResult<GcRef> {
    Ok(as_generator(args.get(0))?.name())
}

fn generator_qualname(args: &Args) -> PyResult<GcRef> {
    Ok(as_generator(args.get(0))?.qualname())
}

fn generator_iter(args: &Args) -> PyResult<GcRef> {
    Ok(args.get(0))
}

fn generator_running(args: &Args) -> PyResult<GcRef> {
    let running = as_generator(args.get(0))?.frame().state() == eval::FRAME_RUNNING;
    Ok(space::bool_(running))
}

fn generator_frame(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    if g.frame().state() == eval::FRAME_DONE {
        return Ok(space::none());
    }
    Ok(g.frame().erase())
}

fn generator_code(args: &Args) -> PyResult<GcRef> {
    Ok(as_generator(args.get(0))?.frame().code().erase())
}

fn generator_yieldfrom(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    Ok(delegate_of(g).unwrap_or_else(space::none))
}

// ---- async generators ---------------------------------------------------------------------
//
// `__anext__` and `asend` return an awaitable; this runtime has no event loop of its own,
// so the awaitable is a one-shot wrapper: awaiting it resumes the async generator once and
// finishes (StopIteration) with the value it yielded, or raises StopAsyncIteration when the
// generator returns.

fn async_step(
    g: Gc<PyGenerator>,
    value: GcRef,
    throw_value: Option<Gc<PyException>>,
) -> PyResult<GcRef> {
    // Run the step right away: async generators here only yield plain values (awaits
    // inside them pass through to the caller's loop as in CPython).
    let result = match throw_value {
        Some(e) => throw(g, e),
        None => resume(g, value, None),
    };
    let completed = match result {
        Ok(Resumed::Yielded(v)) => crate::objects::iterators::completed_awaitable(Ok(v))?,
        Ok(Resumed::Returned(_)) => crate::objects::iterators::completed_awaitable(Err(
            new_exception_args(T_STOP_ASYNC_ITERATION, &[]),
        ))?,
        Err(e) => crate::objects::iterators::completed_awaitable(Err(e))?,
    };
    Ok(completed)
}

fn async_generator_anext(args: &Args) -> PyResult<GcRef> {
    async_step(as_generator(args.get(0))?, space::none(), None)
}

fn async_generator_asend(args: &Args) -> PyResult<GcRef> {
    async_step(as_generator(args.get(0))?, args.get(1), None)
}

fn async_generator_athrow(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    let e = thrown_exception(args)?;
    async_step(g, space::none(), Some(e))
}

fn async_generator_aclose(args: &Args) -> PyResult<GcRef> {
    let g = as_generator(args.get(0))?;
    let result = close(g);
    crate::objects::iterators::completed_awaitable(result.map(|_| space::none()))
}

/// `GET_AWAITABLE`: a coroutine as is, otherwise the iterator `__await__` returns.
pub fn awaitable(value: GcRef) -> PyResult<GcRef> {
    if let Some(g) = value.downcast::<PyGenerator>() {
        if g.kind() as usize == T_COROUTINE {
            return Ok(value);
        }
    }
    let t = space::type_of(value);
    match lookup_name(t, N::await_) {
        Some(method) => {
            let bound = crate::objects::descriptors::bind(method, Some(value), t)?;
            let it = call::call_function(bound, &[])?;
            if it
                .downcast::<PyGenerator>()
                .is_some_and(|g| g.kind() as usize == T_COROUTINE)
            {
                return type_error("__await__() returned a coroutine");
            }
            if lookup_name(space::type_of(it), N::next).is_none() {
                return type_error(format!(
                    "__await__() returned non-iterator of type '{}'",
                    type_name_of(it)
                ));
            }
            Ok(it)
        }
        None => type_error(format!(
            "object {} can't be used in 'await' expression",
            type_name_of(value)
        )),
    }
}

/// The delegate of a frame suspended in `yield from`/`await` (its `SEND` receiver).
pub fn suspended_delegate(frame: Gc<PyFrame>) -> Option<GcRef> {
    let code = frame.code();
    let pc = frame.pc() as usize;
    if pc == 0 || pc > code.instructions().len() {
        return None;
    }
    // Suspended at `YIELD_VALUE 1` (the yield inside a SEND loop): the receiver is below
    // the yielded value's place.
    let (opcode, arg) = crate::compiler::bytecode::decode(code.instructions().get(pc - 1));
    if opcode != op::YIELD_VALUE || arg != 1 {
        return None;
    }
    let sp = frame.sp() as usize;
    frame.slots().get(sp - 1)
}

/// A delegate of `g` finished with `value` while a `throw` went through it: resume `g`
/// after its SEND loop with the value as `yield from`'s result.
pub fn finish_delegation(g: Gc<PyGenerator>, value: GcRef) -> PyResult<Resumed> {
    let frame = g.frame();
    let code = frame.code();
    // The SEND is right before the `YIELD_VALUE 1` we are suspended after; jump to its
    // target with the receiver replaced by the value.
    let send_pc = frame.pc() as usize - 2;
    let (opcode, target) = crate::compiler::bytecode::decode(code.instructions().get(send_pc));
    debug_assert_eq!(opcode, op::SEND);
    let sp = frame.sp() as usize;
    frame.slots().set(sp - 1, Some(value));
    frame.set_pc(target as i64);
    let result = eval::execute_frame(frame, None);
    match result {
        Ok(v) if frame.state() == eval::FRAME_SUSPENDED => Ok(Resumed::Yielded(v)),
        Ok(v) => Ok(Resumed::Returned(v)),
        Err(e) => Err(e),
    }
}
