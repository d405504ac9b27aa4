//! The instruction buffer of one code object under construction: labels, stack-depth
//! tracking, the handler each instruction is covered by, and the final assembly into a
//! `CodeUnit` (jump targets resolved, the exception table built from runs of instructions
//! with the same handler).

use super::bytecode::{encode, CodeUnit, Const, ExceptionEntry, Op};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub usize);

/// Where an exception raised inside a protected range goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler {
    pub label: Label,
    /// The stack depth to cut to before pushing the exception.
    pub depth: u32,
}

#[derive(Clone)]
struct Instruction {
    op: Op,
    arg: u32,
    line: i32,
    position: (u32, u32),
    handler: Option<Handler>,
}

#[derive(Default)]
pub struct Assembler {
    instructions: Vec<Instruction>,
    /// Each label's instruction index once bound.
    labels: Vec<Option<usize>>,
    /// The stack depth at each label, from the jumps seen so far.
    label_depths: Vec<Option<i32>>,
    /// The current stack depth; `None` after an unconditional jump (unreachable code).
    pub depth: Option<i32>,
    pub max_depth: i32,
    pub handlers: Vec<Handler>,
    pub line: i32,
    /// The source byte range of the code being compiled (for traceback markers).
    pub position: (u32, u32),
}

impl Assembler {
    pub fn new(first_line: i32) -> Assembler {
        Assembler {
            depth: Some(0),
            line: first_line,
            ..Assembler::default()
        }
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        self.label_depths.push(None);
        Label(self.labels.len() - 1)
    }

    pub fn bind(&mut self, label: Label) {
        debug_assert!(self.labels[label.0].is_none(), "label bound twice");
        self.labels[label.0] = Some(self.instructions.len());
        match (self.depth, self.label_depths[label.0]) {
            (Some(_), _) => {}
            (None, Some(d)) => self.depth = Some(d),
            (None, None) => self.depth = Some(0),
        }
    }

    /// Bind a handler's label: the stack holds the handler's depth plus the exception.
    pub fn bind_handler(&mut self, handler: Handler) {
        self.depth = None;
        self.label_depths[handler.label.0] = Some(handler.depth as i32 + 1);
        self.bind(handler.label);
    }

    pub fn current_depth(&self) -> u32 {
        self.depth.unwrap_or(0).max(0) as u32
    }

    pub fn push_handler(&mut self, label: Label) -> Handler {
        let handler = Handler {
            label,
            depth: self.current_depth(),
        };
        self.handlers.push(handler);
        handler
    }

    /// A handler that cuts the stack `below` items lower than it is now (a `with`'s
    /// handler keeps only `__exit__`, not the value `__enter__` returned).
    pub fn push_handler_below(&mut self, label: Label, below: u32) -> Handler {
        let handler = Handler {
            label,
            depth: self.current_depth().saturating_sub(below),
        };
        self.handlers.push(handler);
        handler
    }

    pub fn pop_handler(&mut self) {
        self.handlers.pop();
    }

    pub fn emit(&mut self, op: Op, arg: u32) {
        let depth = self.depth.unwrap_or(0);
        let after_fallthrough = depth + stack_effect(op, arg, false);
        // Unreachable code (after a return, raise or jump) has no depth; its jumps must
        // not decide the depth at their targets.
        if op.is_jump() && self.depth.is_some() {
            let target = arg as usize;
            let at_target = depth + stack_effect(op, arg, true);
            self.note_label_depth(Label(target), at_target);
            self.max_depth = self.max_depth.max(at_target);
        }
        self.max_depth = self.max_depth.max(after_fallthrough).max(depth);
        self.instructions.push(Instruction {
            op,
            arg,
            line: self.line,
            position: self.position,
            handler: self.handlers.last().copied(),
        });
        self.depth = if op.is_terminal() || self.depth.is_none() {
            None
        } else {
            Some(after_fallthrough)
        };
    }

    pub fn emit_jump(&mut self, op: Op, label: Label) {
        self.emit(op, label.0 as u32);
    }

    /// Replace each unconditional jump to a `return` (alone, or after the load of a
    /// constant or local) by a copy of it, as CPython's compiler does: `return a if c else
    /// b` and a branch falling to the implicit `return None` then return without a jump,
    /// one dispatch fewer. The copies keep the target's line and handler, so a traceback
    /// or an exception raised there is the same.
    fn copy_return_blocks(&mut self) {
        let old = std::mem::take(&mut self.instructions);
        let mut new_index = Vec::with_capacity(old.len() + 1);
        for (index, instruction) in old.iter().enumerate() {
            new_index.push(self.instructions.len());
            if matches!(instruction.op, Op::JUMP_FORWARD | Op::JUMP_BACKWARD) {
                let target = self.labels[instruction.arg as usize].expect("a bound jump target");
                let block = return_block(&old, target);
                if !block.is_empty() && target != index {
                    self.instructions.extend(block.iter().cloned());
                    continue;
                }
            }
            self.instructions.push(instruction.clone());
        }
        new_index.push(self.instructions.len());
        for label in self.labels.iter_mut().flatten() {
            *label = new_index[*label];
        }
    }

    fn note_label_depth(&mut self, label: Label, depth: i32) {
        let slot = &mut self.label_depths[label.0];
        if slot.is_none() {
            *slot = Some(depth);
        }
    }

    pub fn finish(mut self, mut unit: CodeUnit) -> CodeUnit {
        self.copy_return_blocks();
        let labels = &self.labels;
        let target =
            |arg: u32| -> u32 { labels[arg as usize].expect("every jump target is bound") as u32 };
        unit.instructions = self
            .instructions
            .iter()
            .map(|i| {
                let arg = if i.op.is_jump() { target(i.arg) } else { i.arg };
                encode(i.op, arg)
            })
            .collect();
        unit.lines = self.instructions.iter().map(|i| i.line).collect();
        unit.positions = self.instructions.iter().map(|i| i.position).collect();
        let mut table: Vec<ExceptionEntry> = Vec::new();
        for (index, instruction) in self.instructions.iter().enumerate() {
            let Some(handler) = instruction.handler else {
                continue;
            };
            let handler_pc = target(handler.label.0 as u32);
            if let Some(last) = table.last_mut() {
                if last.end == index as u32
                    && last.handler == handler_pc
                    && last.depth == handler.depth
                {
                    last.end += 1;
                    continue;
                }
            }
            table.push(ExceptionEntry {
                start: index as u32,
                end: index as u32 + 1,
                handler: handler_pc,
                depth: handler.depth,
            });
        }
        unit.exception_table = table;
        unit.stack_size = self.max_depth.max(0) as u32 + 1;
        unit
    }
}

/// The instructions from `target` if they are a `return` block worth copying to a jump
/// to it (none otherwise).
fn return_block(instructions: &[Instruction], target: usize) -> &[Instruction] {
    let op_at = |i: usize| instructions.get(i).map(|instruction| instruction.op);
    match (op_at(target), op_at(target + 1)) {
        (Some(Op::RETURN_VALUE), _) => &instructions[target..target + 1],
        (Some(Op::LOAD_CONST | Op::LOAD_FAST), Some(Op::RETURN_VALUE)) => {
            &instructions[target..target + 2]
        }
        _ => &[],
    }
}

/// How an instruction changes the stack depth (`jump`: when it jumps).
pub fn stack_effect(op: Op, arg: u32, jump: bool) -> i32 {
    let n = arg as i32;
    match op {
        Op::NOP => 0,
        Op::POP_TOP => -1,
        Op::COPY | Op::PUSH_NULL | Op::LOAD_CONST | Op::LOAD_FAST | Op::LOAD_CLOSURE => 1,
        Op::SWAP => 0,
        Op::STORE_FAST => -1,
        Op::DELETE_FAST | Op::DELETE_DEREF | Op::DELETE_GLOBAL | Op::DELETE_NAME => 0,
        Op::LOAD_DEREF | Op::LOAD_CLASSDEREF | Op::LOAD_GLOBAL | Op::LOAD_NAME => 1,
        Op::STORE_DEREF | Op::STORE_GLOBAL | Op::STORE_NAME => -1,
        Op::LOAD_ATTR => 0,
        Op::STORE_ATTR => -2,
        Op::DELETE_ATTR => -1,
        Op::LOAD_METHOD => 1,
        Op::CALL => -n - 1,
        Op::CALL_KW => -n - 2,
        Op::CALL_FUNCTION_EX => -2 - (n & 1),
        Op::BINARY_OP => -1,
        Op::UNARY_NEGATIVE | Op::UNARY_POSITIVE | Op::UNARY_INVERT | Op::UNARY_NOT => 0,
        Op::COMPARE_OP | Op::IS_OP | Op::CONTAINS_OP => -1,
        Op::BINARY_SUBSCR => -1,
        Op::STORE_SUBSCR => -3,
        Op::DELETE_SUBSCR => -2,
        Op::BUILD_TUPLE | Op::BUILD_LIST | Op::BUILD_SET | Op::BUILD_STRING => 1 - n,
        Op::BUILD_MAP => 1 - 2 * n,
        Op::BUILD_CONST_KEY_MAP => -n,
        Op::BUILD_SLICE => 1 - n,
        Op::LIST_APPEND | Op::SET_ADD => -1,
        Op::MAP_ADD => -2,
        Op::LIST_EXTEND | Op::SET_UPDATE | Op::DICT_UPDATE | Op::DICT_MERGE => -1,
        Op::LIST_TO_TUPLE => 0,
        Op::UNPACK_SEQUENCE => n - 1,
        Op::UNPACK_EX => (n & 0xff) + (n >> 8),
        Op::FORMAT_VALUE => {
            if n & 4 != 0 {
                -1
            } else {
                0
            }
        }
        Op::JUMP_FORWARD | Op::JUMP_BACKWARD => 0,
        Op::POP_JUMP_IF_FALSE
        | Op::POP_JUMP_IF_TRUE
        | Op::POP_JUMP_IF_NONE
        | Op::POP_JUMP_IF_NOT_NONE => -1,
        Op::JUMP_IF_FALSE_OR_POP | Op::JUMP_IF_TRUE_OR_POP => {
            if jump {
                0
            } else {
                -1
            }
        }
        Op::GET_ITER => 0,
        Op::FOR_ITER => {
            if jump {
                -1
            } else {
                1
            }
        }
        Op::RETURN_VALUE => -1,
        Op::MAKE_FUNCTION => {
            -((n & 1 != 0) as i32)
                - ((n & 2 != 0) as i32)
                - ((n & 4 != 0) as i32)
                - ((n & 8 != 0) as i32)
        }
        Op::LOAD_BUILD_CLASS => 1,
        Op::IMPORT_NAME => -1,
        Op::IMPORT_FROM => 1,
        Op::IMPORT_STAR => -1,
        Op::RAISE_VARARGS => -n,
        Op::RERAISE => -1,
        Op::PUSH_EXC_INFO => 1,
        Op::POP_EXCEPT => -1,
        Op::CHECK_EXC_MATCH | Op::CHECK_EG_MATCH => 0,
        Op::PREP_RERAISE_STAR => -1,
        Op::WITH_EXCEPT_START => 1,
        Op::BEFORE_WITH | Op::BEFORE_ASYNC_WITH => 1,
        Op::YIELD_VALUE => 0,
        Op::SEND => {
            if jump {
                -1
            } else {
                0
            }
        }
        Op::GET_YIELD_FROM_ITER | Op::GET_AWAITABLE | Op::GET_AITER => 0,
        Op::GET_ANEXT => 1,
        Op::END_ASYNC_FOR => -2,
        Op::SETUP_ANNOTATIONS => 0,
        Op::LOAD_ASSERTION_ERROR => 1,
        Op::MATCH_CLASS => -2,
        Op::MATCH_MAPPING | Op::MATCH_SEQUENCE | Op::GET_LEN => 1,
        Op::MATCH_KEYS => 1,
        Op::PRINT_EXPR => -1,
    }
}

/// Intern a constant in a unit's constant list.
pub fn add_const(consts: &mut Vec<Const>, value: Const) -> u32 {
    if let Some(position) = consts.iter().position(|c| same_const(c, &value)) {
        return position as u32;
    }
    consts.push(value);
    (consts.len() - 1) as u32
}

/// Constants are shared only when they are the same value of the same type (`1`, `1.0`
/// and `True` compare equal in Python but are different constants; so are `0.0` and
/// `-0.0`).
fn same_const(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Complex(a1, b1), Const::Complex(a2, b2)) => {
            a1.to_bits() == a2.to_bits() && b1.to_bits() == b2.to_bits()
        }
        (Const::Tuple(x), Const::Tuple(y)) | (Const::FrozenSet(x), Const::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_const(a, b))
        }
        (Const::Code(_), _) | (_, Const::Code(_)) => false,
        _ => a == b,
    }
}
