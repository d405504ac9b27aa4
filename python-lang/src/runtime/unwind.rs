//! An exception leaving an instruction: the traceback entry and `__context__` it gets,
//! and the frame's handler in the exception table, where `eval::run` goes on.

use ferrite::Gc;

use crate::objects::exception;
use crate::objects::layout::*;
use crate::runtime::errors::PyResult;
use crate::runtime::space;

/// An exception raised at the frame's current instruction: record where (the traceback),
/// and what was being handled (`__context__`) if it is new.
pub(crate) fn note_raised(frame: Gc<PyFrame>, e: Gc<PyException>) -> PyResult<()> {
    // An exception re-raised in the frame that already recorded it (a RERAISE after a
    // `finally`, a bare `raise`) keeps its entry, as CPython's does.
    let top_is_here = e
        .traceback()
        .and_then(|t| t.downcast::<PyTraceback>())
        .is_some_and(|t| t.frame() == frame);
    if e.traceback().is_none() {
        set_context(e);
    }
    if !top_is_here {
        exception::add_traceback(e, frame, frame.last_instruction())?;
    }
    Ok(())
}

/// Make the exception being handled the `__context__` of `e` (breaking any cycle).
pub fn set_context(e: Gc<PyException>) {
    let Some(handled) = space::handled() else {
        return;
    };
    if handled == e.erase() {
        return;
    }
    // Cut a cycle: if `e` is already in `handled`'s context chain, unlink it there.
    let mut link = handled.downcast::<PyException>();
    while let Some(l) = link {
        match l.context() {
            Some(c) if c == e.erase() => {
                l.set_context(None);
                break;
            }
            Some(c) => link = c.downcast::<PyException>(),
            None => break,
        }
    }
    e.set_context(Some(handled));
}

/// Find the handler of the instruction that raised; set up the frame to run it with `e`
/// pushed. False if the frame has no handler there.
pub(crate) fn unwind_to_handler(frame: Gc<PyFrame>, e: Gc<PyException>) -> bool {
    let code = frame.code();
    let table = code.exception_table();
    let at = frame.last_instruction() as i32;
    let mut i = 0;
    while i + 3 < table.len() {
        let (start, end) = (table.get(i), table.get(i + 1));
        if start <= at && at < end {
            let handler = table.get(i + 2);
            let depth = table.get(i + 3) as i64;
            let base = code.local_count() + code.cell_count() + code.free_count();
            let sp = (base + depth) as usize;
            frame.slots().set(sp, Some(e.erase()));
            frame.set_sp(sp as i64 + 1);
            frame.set_pc(handler as i64);
            return true;
        }
        i += 4;
    }
    false
}
