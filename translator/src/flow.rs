//! Flow graphs: a translated function as basic blocks of operations on variables, joined by
//! exits (RPython's flow graphs, in a `petgraph` graph).
//!
//! Variables are the function's locals and temporaries. They are not SSA: a local assigned in
//! a loop stays one variable, as it will be one jitcode register (the register allocator
//! later gives non-interfering variables the same register). Operands are variables or
//! constants, because jitcode instructions take constants directly. Every type in a graph is
//! resolved (no inference variables) once lowering is done.

use std::fmt::{self, Write};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::types::Ty;

/// A block: a node of the graph.
pub type BlockId = NodeIndex<u32>;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub u32);

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operand {
    Var(Var),
    Int(i64),
    Float(f64),
    Null,
}

#[derive(Clone, Debug)]
pub struct VarInfo {
    pub ty: Ty,
    /// The source name of a local.
    pub name: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    And,
    Or,
    Xor,
    Shl,
    Shr,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinaryOp {
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
        )
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::And => "&",
            BinaryOp::Or => "|",
            BinaryOp::Xor => "^",
            BinaryOp::Shl => "<<",
            BinaryOp::Shr => ">>",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Not,
}

/// An operation. `ty` fields are the type of the operands (the result's type is its
/// variable's).
#[derive(Clone, Debug)]
pub enum Op {
    Copy {
        dst: Var,
        src: Operand,
    },
    Unary {
        dst: Var,
        op: UnaryOp,
        arg: Operand,
        ty: Ty,
    },
    /// Wrapping arithmetic, or a comparison. When it ends a block whose exit is `Overflow`,
    /// it is checked arithmetic instead.
    Binary {
        dst: Var,
        op: BinaryOp,
        lhs: Operand,
        rhs: Operand,
        ty: Ty,
    },
    /// `as`: from `from` to the type of `dst`.
    Cast {
        dst: Var,
        src: Operand,
        from: Ty,
    },
    /// Whether a nullable reference is null (`is_null`) or not.
    IsNull {
        dst: Var,
        value: Operand,
        is_null: bool,
    },
    PtrEq {
        dst: Var,
        lhs: Operand,
        rhs: Operand,
    },
    GetField {
        dst: Var,
        object: Operand,
        owner: String,
        field: String,
    },
    SetField {
        object: Operand,
        owner: String,
        field: String,
        value: Operand,
    },
    ArrayLen {
        dst: Var,
        array: Operand,
        element: Ty,
    },
    GetItem {
        dst: Var,
        array: Operand,
        index: Operand,
        element: Ty,
    },
    SetItem {
        array: Operand,
        index: Operand,
        value: Operand,
        element: Ty,
    },
    /// A new object, its fields zero (the lowering sets them next).
    New {
        dst: Var,
        owner: String,
    },
    /// A new array of zeros.
    NewArray {
        dst: Var,
        length: Operand,
        element: Ty,
    },
    /// A call of a function of the translated modules (by key) or of a runtime helper
    /// (`ferrite::...`).
    Call {
        dst: Option<Var>,
        callee: String,
        args: Vec<Operand>,
    },
    /// `promote(x)`: the tracer makes the value a constant behind a guard.
    Promote {
        value: Var,
    },
    /// `r.is::<T>()` on a `GcRef`: whether the object's class (GC type) is `owner`. The
    /// tracer reads the class behind a guard (`guard_class`), so the trace specializes on
    /// it and the comparison folds.
    IsClass {
        dst: Var,
        object: Operand,
        owner: String,
    },
    /// `record_exact_class::<T>(r)`: a promise that the object's class is `owner` (no
    /// guard; later class checks of it fold).
    RecordExactClass {
        object: Operand,
        owner: String,
    },
    /// `jit_merge_point!`: the driver by number, then its greens and reds.
    MergePoint {
        driver: usize,
        greens: Vec<Var>,
        reds: Vec<Var>,
        /// The red declared `virtualizable(..)`, if any (one of `reds`).
        virtualizable: Option<Var>,
    },
    /// `can_enter_jit!`.
    CanEnterJit {
        driver: usize,
    },
}

/// How control leaves a block.
#[derive(Clone, Debug)]
pub enum Exit {
    Goto(BlockId),
    Branch {
        cond: Operand,
        then: BlockId,
        otherwise: BlockId,
    },
    Switch {
        value: Operand,
        cases: Vec<(i64, BlockId)>,
        default: BlockId,
    },
    Return(Option<Operand>),
    Raise(Operand),
    /// The block's last operation (a call) may raise: if it does, control goes to `handler`
    /// with the exception in `exception`.
    Catch {
        normal: BlockId,
        handler: BlockId,
        exception: Option<Var>,
    },
    /// The block's last operation is checked arithmetic: on overflow, control goes to
    /// `overflow` (and the result is not set).
    Overflow {
        normal: BlockId,
        overflow: BlockId,
    },
    /// A Rust panic (the message), from `panic!`, a failed bounds check, `unwrap` of `None`.
    Panic(String),
    /// Not yet known (only while lowering).
    Open,
}

impl Exit {
    /// The blocks control may go to, with a label for each edge.
    pub fn successors(&self) -> Vec<(BlockId, String)> {
        match self {
            Exit::Goto(b) => vec![(*b, String::new())],
            Exit::Branch {
                then, otherwise, ..
            } => vec![(*then, "true".into()), (*otherwise, "false".into())],
            Exit::Switch { cases, default, .. } => cases
                .iter()
                .map(|(v, b)| (*b, v.to_string()))
                .chain([(*default, "_".to_string())])
                .collect(),
            Exit::Catch {
                normal, handler, ..
            } => vec![(*normal, String::new()), (*handler, "raised".into())],
            Exit::Overflow { normal, overflow } => {
                vec![(*normal, String::new()), (*overflow, "overflow".into())]
            }
            Exit::Return(_) | Exit::Raise(_) | Exit::Panic(_) | Exit::Open => Vec::new(),
        }
    }

    /// The same exit with every block it names passed through `map`.
    pub fn map_blocks(&mut self, mut map: impl FnMut(BlockId) -> BlockId) {
        match self {
            Exit::Goto(b) => *b = map(*b),
            Exit::Branch {
                then, otherwise, ..
            } => {
                *then = map(*then);
                *otherwise = map(*otherwise);
            }
            Exit::Switch { cases, default, .. } => {
                for (_, b) in cases {
                    *b = map(*b);
                }
                *default = map(*default);
            }
            Exit::Catch {
                normal, handler, ..
            } => {
                *normal = map(*normal);
                *handler = map(*handler);
            }
            Exit::Overflow { normal, overflow } => {
                *normal = map(*normal);
                *overflow = map(*overflow);
            }
            Exit::Return(_) | Exit::Raise(_) | Exit::Panic(_) | Exit::Open => {}
        }
    }
}

#[derive(Clone, Debug)]
pub struct Block {
    pub ops: Vec<Op>,
    pub exit: Exit,
}

/// One function as a flow graph.
pub struct FlowGraph {
    pub name: String,
    pub params: Vec<Var>,
    pub vars: Vec<VarInfo>,
    /// Nodes are blocks; an edge per successor of a block's exit, labelled as the exit
    /// labels it. The graph mirrors the exits (rebuilt by `from_blocks`).
    pub graph: DiGraph<Block, String>,
    pub entry: BlockId,
    pub result: Ty,
}

impl FlowGraph {
    /// The graph of `blocks` (entry first), keeping only the blocks reachable from the entry.
    pub fn from_blocks(
        name: String,
        params: Vec<Var>,
        vars: Vec<VarInfo>,
        blocks: Vec<Block>,
        result: Ty,
    ) -> FlowGraph {
        // Which blocks the entry reaches, in order of first visit.
        let mut order = Vec::new();
        let mut seen = vec![false; blocks.len()];
        let mut stack = vec![0usize];
        while let Some(b) = stack.pop() {
            if std::mem::replace(&mut seen[b], true) {
                continue;
            }
            order.push(b);
            for (successor, _) in blocks[b].exit.successors().iter().rev() {
                stack.push(successor.index());
            }
        }
        let mut renumber = vec![None; blocks.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old] = Some(NodeIndex::new(new));
        }
        let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
        let mut graph = DiGraph::new();
        for &old in &order {
            let mut block = slots[old].take().expect("each block once");
            block
                .exit
                .map_blocks(|b| renumber[b.index()].expect("a reachable block's successor"));
            graph.add_node(block);
        }
        for node in graph.node_indices() {
            for (successor, label) in graph[node].exit.successors() {
                graph.add_edge(node, successor, label);
            }
        }
        FlowGraph {
            name,
            params,
            vars,
            graph,
            entry: NodeIndex::new(0),
            result,
        }
    }

    /// The blocks in reverse postorder from the entry: each block comes after the blocks
    /// that dominate it, and a block's first successor (a branch's `then`, a call's normal
    /// return) comes right after it when it can, so the common path falls through.
    pub fn reverse_postorder(&self) -> Vec<BlockId> {
        let count = self.graph.node_count();
        let mut visited = vec![false; count];
        let mut postorder = Vec::with_capacity(count);
        // (block, successors not yet visited, last first)
        let mut stack: Vec<(BlockId, Vec<BlockId>)> = Vec::new();
        let successors = |b: BlockId| -> Vec<BlockId> {
            // Visited last, placed first: the first successor is pushed last.
            self.graph[b]
                .exit
                .successors()
                .into_iter()
                .map(|(s, _)| s)
                .collect()
        };
        visited[self.entry.index()] = true;
        stack.push((self.entry, successors(self.entry)));
        while let Some((block, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(next) if !visited[next.index()] => {
                    visited[next.index()] = true;
                    let next_successors = successors(next);
                    stack.push((next, next_successors));
                }
                Some(_) => {}
                None => {
                    postorder.push(*block);
                    stack.pop();
                }
            }
        }
        postorder.reverse();
        postorder
    }

    pub fn ty(&self, var: Var) -> &Ty {
        &self.vars[var.0 as usize].ty
    }

    /// A variable as text: its source name and number.
    pub fn var_name(&self, var: Var) -> String {
        match &self.vars[var.0 as usize].name {
            Some(name) => format!("{name}_{}", var.0),
            None => format!("v{}", var.0),
        }
    }

    pub fn operand_text(&self, operand: &Operand) -> String {
        match operand {
            Operand::Var(v) => self.var_name(*v),
            Operand::Int(v) => v.to_string(),
            Operand::Float(v) => format!("{v:?}"),
            Operand::Null => "null".into(),
        }
    }

    /// One operation as text.
    pub fn op_text(&self, op: &Op) -> String {
        let o = |operand: &Operand| self.operand_text(operand);
        let v = |var: &Var| self.var_name(*var);
        match op {
            Op::Copy { dst, src } => format!("{} = {}", v(dst), o(src)),
            Op::Unary { dst, op, arg, .. } => {
                let symbol = if *op == UnaryOp::Neg { "-" } else { "!" };
                format!("{} = {symbol}{}", v(dst), o(arg))
            }
            Op::Binary {
                dst, op, lhs, rhs, ..
            } => format!("{} = {} {} {}", v(dst), o(lhs), op.symbol(), o(rhs)),
            Op::Cast { dst, src, .. } => format!("{} = {} as {}", v(dst), o(src), self.ty(*dst)),
            Op::IsNull {
                dst,
                value,
                is_null,
            } => format!(
                "{} = {}.{}()",
                v(dst),
                o(value),
                if *is_null { "is_none" } else { "is_some" }
            ),
            Op::PtrEq { dst, lhs, rhs } => format!("{} = ptr_eq({}, {})", v(dst), o(lhs), o(rhs)),
            Op::GetField {
                dst,
                object,
                owner,
                field,
            } => format!("{} = {}.{owner}.{field}", v(dst), o(object)),
            Op::SetField {
                object,
                owner,
                field,
                value,
            } => format!("{}.{owner}.{field} = {}", o(object), o(value)),
            Op::ArrayLen { dst, array, .. } => format!("{} = len({})", v(dst), o(array)),
            Op::GetItem {
                dst, array, index, ..
            } => format!("{} = {}[{}]", v(dst), o(array), o(index)),
            Op::SetItem {
                array,
                index,
                value,
                ..
            } => format!("{}[{}] = {}", o(array), o(index), o(value)),
            Op::New { dst, owner } => format!("{} = new {owner}", v(dst)),
            Op::NewArray {
                dst,
                length,
                element,
            } => format!("{} = new [{element}; {}]", v(dst), o(length)),
            Op::Call { dst, callee, args } => {
                let args: Vec<String> = args.iter().map(o).collect();
                match dst {
                    Some(dst) => format!("{} = {callee}({})", v(dst), args.join(", ")),
                    None => format!("{callee}({})", args.join(", ")),
                }
            }
            Op::Promote { value } => format!("promote({})", v(value)),
            Op::IsClass { dst, object, owner } => {
                format!("{} = is_class({}, {owner})", v(dst), o(object))
            }
            Op::RecordExactClass { object, owner } => {
                format!("record_exact_class({}, {owner})", o(object))
            }
            Op::MergePoint {
                driver,
                greens,
                reds,
                virtualizable,
            } => {
                let names = |vars: &[Var]| vars.iter().map(v).collect::<Vec<_>>().join(", ");
                let virtualizable = virtualizable
                    .map(|var| format!(", virtualizable({})", v(&var)))
                    .unwrap_or_default();
                format!(
                    "jit_merge_point(driver {driver}, greens({}), reds({}){virtualizable})",
                    names(greens),
                    names(reds)
                )
            }
            Op::CanEnterJit { driver } => format!("can_enter_jit(driver {driver})"),
        }
    }

    pub fn exit_text(&self, exit: &Exit) -> String {
        let b = |block: &BlockId| format!("block{}", block.index());
        match exit {
            Exit::Goto(target) => format!("goto {}", b(target)),
            Exit::Branch {
                cond,
                then,
                otherwise,
            } => format!(
                "if {} then {} else {}",
                self.operand_text(cond),
                b(then),
                b(otherwise)
            ),
            Exit::Switch {
                value,
                cases,
                default,
            } => {
                let cases: Vec<String> = cases
                    .iter()
                    .map(|(v, t)| format!("{v} => {}", b(t)))
                    .collect();
                format!(
                    "switch {} {{ {}, _ => {} }}",
                    self.operand_text(value),
                    cases.join(", "),
                    b(default)
                )
            }
            Exit::Return(None) => "return".into(),
            Exit::Return(Some(value)) => format!("return {}", self.operand_text(value)),
            Exit::Raise(value) => format!("raise {}", self.operand_text(value)),
            Exit::Catch {
                normal,
                handler,
                exception,
            } => format!(
                "then {}; if raised: {} = exception, goto {}",
                b(normal),
                exception.map_or("_".into(), |e| self.var_name(e)),
                b(handler)
            ),
            Exit::Overflow { normal, overflow } => {
                format!("then {}; on overflow {}", b(normal), b(overflow))
            }
            Exit::Panic(message) => format!("panic({message:?})"),
            Exit::Open => "<open>".into(),
        }
    }

    /// The graph as text, block by block.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| format!("{}: {}", self.var_name(*p), self.ty(*p)))
            .collect();
        let _ = writeln!(
            out,
            "graph {}({}) -> {}",
            self.name,
            params.join(", "),
            self.result
        );
        for node in self.reverse_postorder() {
            let block = &self.graph[node];
            let _ = writeln!(out, "block{}:", node.index());
            for op in &block.ops {
                let _ = writeln!(out, "    {}", self.op_text(op));
            }
            let _ = writeln!(out, "    {}", self.exit_text(&block.exit));
        }
        out
    }

    /// The graph in Graphviz dot: a record per block, an edge per exit.
    pub fn to_dot(&self) -> String {
        let escape = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('{', "\\{")
                .replace('}', "\\}")
                .replace('<', "\\<")
                .replace('>', "\\>")
                .replace('|', "\\|")
        };
        let mut out = String::new();
        let _ = writeln!(out, "digraph \"{}\" {{", escape(&self.name));
        let _ = writeln!(out, "    node [shape=record, fontname=monospace];");
        for node in self.graph.node_indices() {
            let block = &self.graph[node];
            let mut lines = vec![format!("block{}", node.index())];
            lines.extend(block.ops.iter().map(|op| self.op_text(op)));
            lines.push(self.exit_text(&block.exit));
            let label: Vec<String> = lines.iter().map(|l| escape(l)).collect();
            let _ = writeln!(
                out,
                "    b{} [label=\"{{{}\\l}}\"];",
                node.index(),
                label.join("\\l|")
            );
        }
        for edge in self.graph.edge_references() {
            let _ = writeln!(
                out,
                "    b{} -> b{} [label=\"{}\"];",
                edge.source().index(),
                edge.target().index(),
                escape(edge.weight())
            );
        }
        out.push_str("}\n");
        out
    }
}

impl fmt::Display for FlowGraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}
