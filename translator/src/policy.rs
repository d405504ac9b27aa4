//! The policy: which functions the tracer follows (traced, translated to jitcode and inlined
//! while tracing) and which it calls without looking inside (residual, through a generated
//! trampoline), and what the residual ones may do (RPython's `JitPolicy` and effect
//! analysis).
//!
//! Starting from the portals, each traced function is lowered, and the functions it calls are
//! classified:
//! - `#[elidable]`, `#[loop_invariant]`, `#[dont_look_inside]`: residual.
//! - A portal called from traced code (the interpreter recursing): residual — the call runs
//!   the portal natively, with its own JIT entries, so a trace never inlines a whole nested
//!   interpretation.
//! - A function with a loop: residual unless `#[unroll_safe]` or `#[look_inside]` (a trace
//!   through a data-dependent loop grows with the data).
//! - Functions calling each other in a cycle: residual unless `#[look_inside]` (the same).
//! - Anything else: traced, so its body must be in the subset.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use rayon::prelude::*;
use syn::visit::Visit;

use crate::effects::{residual_writes, CrateIndex, WriteSet};
use crate::error::{Result, TranslateError};
use crate::flow::{FlowGraph, Op};
use crate::lower::lower;
use crate::source::{with_items, Function, Items, Sources};

/// Why a function is residual.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResidualReason {
    Elidable,
    LoopInvariant,
    DontLookInside,
    Portal,
    HasLoop,
    Recursive,
}

impl ResidualReason {
    pub fn describe(self) -> &'static str {
        match self {
            ResidualReason::Elidable => "#[elidable]",
            ResidualReason::LoopInvariant => "#[loop_invariant]",
            ResidualReason::DontLookInside => "#[dont_look_inside]",
            ResidualReason::Portal => "a portal (recursion runs it natively)",
            ResidualReason::HasLoop => "contains a loop (mark #[unroll_safe] to trace it)",
            ResidualReason::Recursive => "recursive (mark #[look_inside] to trace it)",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Portal,
    Traced,
    Residual(ResidualReason),
}

/// The translation plan: every function traced code reaches, and its role.
pub struct Plan {
    pub roles: BTreeMap<String, Role>,
    /// The flow graphs of the traced functions (portals first).
    pub graphs: Vec<FlowGraph>,
    /// The functions traced code calls residually (each gets a trampoline).
    pub residual: BTreeSet<String>,
    /// What each residual function (and portal) may write in the GC heap.
    pub writes: BTreeMap<String, WriteSet>,
}

impl Plan {
    pub fn role(&self, key: &str) -> Option<Role> {
        self.roles.get(key).copied()
    }

    pub fn is_traced(&self, key: &str) -> bool {
        matches!(self.role(key), Some(Role::Portal | Role::Traced))
    }

    pub fn graph(&self, key: &str) -> Option<&FlowGraph> {
        self.graphs.iter().find(|g| g.name == key)
    }
}

/// The role a function gets before its callers are known (cycles are found later).
fn initial_role(function: &Function) -> Role {
    let hints = function.hints;
    if hints.portal {
        Role::Portal
    } else if hints.elidable {
        Role::Residual(ResidualReason::Elidable)
    } else if hints.loop_invariant {
        Role::Residual(ResidualReason::LoopInvariant)
    } else if hints.dont_look_inside {
        Role::Residual(ResidualReason::DontLookInside)
    } else if !hints.look_inside && !hints.unroll_safe && has_loop(&function.body) {
        Role::Residual(ResidualReason::HasLoop)
    } else {
        Role::Traced
    }
}

fn has_loop(body: &syn::Block) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {
            self.0 = true;
        }
        fn visit_expr_while(&mut self, _: &'ast syn::ExprWhile) {
            self.0 = true;
        }
        fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {
            self.0 = true;
        }
        // Closures and nested items are not part of this function's body.
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut finder = Finder(false);
    finder.visit_block(body);
    finder.0
}

/// The callees of a graph that are functions of the translated modules.
fn callees(graph: &FlowGraph) -> Vec<String> {
    let mut found = Vec::new();
    for block in graph.graph.node_weights() {
        for op in &block.ops {
            if let Op::Call { callee, .. } = op {
                if !callee.starts_with("ferrite::") && !found.contains(callee) {
                    found.push(callee.clone());
                }
            }
        }
    }
    found
}

/// Discover and classify everything reachable from the portals, lowering the traced
/// functions (in parallel, a wave of newly found functions at a time).
pub fn plan(items: &Items, sources: &Sources, index: &CrateIndex) -> Result<Plan> {
    let mut portals: Vec<&Function> = items
        .functions
        .values()
        .filter(|f| f.hints.portal)
        .collect();
    portals.sort_by(|a, b| a.key.cmp(&b.key));
    if portals.is_empty() {
        let file = items.files.first().cloned().unwrap_or_default();
        return Err(TranslateError {
            file,
            line: 0,
            column: 0,
            message: "no #[ferrite::portal] function in the translated modules".into(),
            suggestion: Some(
                "mark the function holding jit_merge_point! #[ferrite::portal]".into(),
            ),
        });
    }
    let mut roles: BTreeMap<String, Role> = BTreeMap::new();
    let mut graphs: BTreeMap<String, FlowGraph> = BTreeMap::new();
    let mut calls: Vec<(String, String)> = Vec::new();
    let mut wave: Vec<&Function> = portals.clone();
    for portal in &portals {
        roles.insert(portal.key.clone(), Role::Portal);
    }
    while !wave.is_empty() {
        let keys: Vec<&str> = wave.iter().map(|f| f.key.as_str()).collect();
        let lowered: Vec<Result<FlowGraph>> = keys
            .par_iter()
            .map(|key| with_items(sources, |items| lower(items, &items.functions[*key])))
            .collect();
        let mut next = Vec::new();
        for graph in lowered {
            let graph = graph?;
            for callee in callees(&graph) {
                calls.push((graph.name.clone(), callee.clone()));
                if roles.contains_key(&callee) {
                    continue;
                }
                let function = &items.functions[&callee];
                let role = initial_role(function);
                roles.insert(callee.clone(), role);
                if role == Role::Traced {
                    next.push(function);
                }
            }
            graphs.insert(graph.name.clone(), graph);
        }
        wave = next;
    }
    // Cycles among traced functions: residual unless #[look_inside].
    let keys: Vec<String> = roles.keys().cloned().collect();
    let mut call_graph = DiGraph::<&str, ()>::new();
    let nodes: BTreeMap<&str, _> = keys
        .iter()
        .map(|k| (k.as_str(), call_graph.add_node(k.as_str())))
        .collect();
    for (caller, callee) in &calls {
        // Calls of a portal are residual already: they close no cycle of inlining.
        if roles[callee] != Role::Portal {
            call_graph.add_edge(nodes[caller.as_str()], nodes[callee.as_str()], ());
        }
    }
    for component in tarjan_scc(&call_graph) {
        let cyclic = component.len() > 1 || call_graph.contains_edge(component[0], component[0]);
        if !cyclic {
            continue;
        }
        for node in component {
            let key = call_graph[node];
            if roles[key] == Role::Traced && !items.functions[key].hints.look_inside {
                roles.insert(key.to_string(), Role::Residual(ResidualReason::Recursive));
            }
        }
    }
    // Calls of portals and residual functions go through trampolines.
    let residual: BTreeSet<String> = calls
        .iter()
        .map(|(_, callee)| callee)
        .filter(|callee| matches!(roles[*callee], Role::Residual(_) | Role::Portal))
        .cloned()
        .collect();
    let mut ordered: Vec<FlowGraph> = Vec::new();
    for portal in &portals {
        ordered.push(graphs.remove(&portal.key).expect("portals are lowered"));
    }
    for (key, graph) in graphs {
        if roles[&key] == Role::Traced {
            ordered.push(graph);
        }
    }
    // Residual functions must be callable from the generated trampolines.
    for key in &residual {
        let function = &items.functions[key];
        {
            if !function.visible_from_root {
                return Err(TranslateError::at(&function.file, function.span, format!("`{key}` is called residually by traced code, so the generated trampoline must name it, but it is private to its module")).suggest("make it `pub(crate)`"));
            }
        }
    }
    let writes = residual_writes(index, &roles);
    Ok(Plan {
        roles,
        graphs: ordered,
        residual,
        writes,
    })
}
