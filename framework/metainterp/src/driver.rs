//! The JIT driver: runs an interpreter's portal, counting how often each green key (a
//! position in the user's program) comes round, tracing it once it is hot, compiling the
//! trace, and from then on entering the machine code there. When a guard fails, the frames
//! are rebuilt from the guard's resume data and the blackhole interpreter continues until
//! the merge point comes round again.
//!
//! Here the interpreter itself runs as jitcode in the blackhole (hand-written jitcode has no
//! native version); once the translator exists, the native interpreter takes that part and
//! this driver's logic moves into its merge-point macro.
//!
//! Counting happens where RPython counts: at `loop_header` (`can_enter_jit`, a back-edge of
//! the user's program, where the state is the merge point's) with `threshold`, and at the
//! portal's entry (its first merge point) with `function_threshold`; both add to one warmth
//! per green key, and each time tracing starts every warmth decays by `decay`. A trace
//! closes a loop when the merge point comes round with its greens, or ends with `finish` when
//! the portal returns. A guard that fails `trace_eagerness` times gets a bridge: traced from
//! the failure to the merge point (or the portal's return), compiled, and attached to the
//! guard, so its failures stay in machine code.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::fmt;

use bumpalo::Bump;
use ferrite_backend_x86::{Forest, RunError, TreeId};
use ferrite_gc::quasi_immutable::is_invalidated;
use ferrite_gc::{AccessError, Array, GcRef, RootVec, Scalar};
use ferrite_jitcode::{BlackholeError, FrameState, JitModule, Machine, Stop};
use ferrite_optimizer::Passes;
use ferrite_trace::{Operand, Outcome, Trace, Type, Values};

use crate::resume::{constants_of, raised_exception, rebuild_frames, Resume};
use crate::tracer::{
    merge_point, trace_bridge, trace_loop, AbortState, Aborted, End, MergePoint, Recorded,
    FINISH_RETURNED,
};

/// The JIT's parameters, settable by name as with RPython's `set_param`.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Whether to JIT at all.
    pub enabled: bool,
    /// How many times a loop (a green key at `can_enter_jit`) comes round before it is
    /// traced.
    pub threshold: u32,
    /// How many times the portal is entered at a green key before it is traced from there
    /// (a trace that closes a loop, or ends by returning from the portal). Entries and
    /// back-edges of one key add to one warmth, each at its own rate.
    pub function_threshold: u32,
    /// The most operations a trace may have before tracing gives up.
    pub trace_limit: usize,
    /// How many times a guard fails before a bridge is traced from it.
    pub trace_eagerness: u32,
    /// Thousandths of their warmth that all counters lose each time tracing starts (0 to
    /// 1000).
    pub decay: u32,
    /// The optimizer's passes that run on every trace and bridge before it is compiled.
    pub enable_opts: Passes,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            enabled: true,
            // PyPy's default.
            threshold: 1039,
            function_threshold: 1619,
            trace_limit: 6000,
            trace_eagerness: 200,
            decay: 40,
            enable_opts: Passes::ALL,
        }
    }
}

/// A parameter setting that could not be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError(pub String);

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParamError {}

/// The parameters `Params::set` knows.
pub const KNOWN_PARAMETERS: &[&str] = &[
    "threshold",
    "function_threshold",
    "trace_eagerness",
    "decay",
    "trace_limit",
    "enable",
    "enable_opts",
];

impl Params {
    /// Set one parameter from text: `set("threshold", "1")`, `set("enable", "off")`.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), ParamError> {
        let number = |what: &str| {
            value
                .parse::<u64>()
                .map_err(|_| ParamError(format!("{what} takes a whole number, not `{value}`")))
        };
        let count = || {
            u32::try_from(number(name)?.max(1))
                .map_err(|_| ParamError(format!("{name} {value} is too large")))
        };
        match name {
            "threshold" => self.threshold = count()?,
            "function_threshold" => self.function_threshold = count()?,
            "trace_limit" => self.trace_limit = number(name)? as usize,
            "trace_eagerness" => self.trace_eagerness = count()?,
            "decay" => match number(name)? {
                decay @ 0..=1000 => self.decay = decay as u32,
                _ => return Err(ParamError(format!("decay is 0 to 1000, not {value}"))),
            },
            "enable_opts" => self.enable_opts = Passes::parse(value).map_err(ParamError)?,
            "enable" => {
                self.enabled = match value {
                    "on" | "true" | "1" => true,
                    "off" | "false" | "0" => false,
                    _ => return Err(ParamError(format!("enable takes on or off, not `{value}`"))),
                }
            }
            _ => {
                return Err(ParamError(format!(
                    "unknown JIT parameter `{name}` (known: {})",
                    KNOWN_PARAMETERS.join(", ")
                )))
            }
        }
        Ok(())
    }

    /// Apply `name=value` settings, as from a `--jit-param` flag.
    pub fn set_all(&mut self, settings: &str) -> Result<(), ParamError> {
        for setting in settings.split(',').filter(|s| !s.is_empty()) {
            let (name, value) = setting
                .split_once('=')
                .ok_or_else(|| ParamError(format!("`{setting}` is not name=value")))?;
            self.set(name.trim(), value.trim())?;
        }
        Ok(())
    }
}

/// What the driver did, for tests and the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub loops_compiled: u64,
    pub bridges_compiled: u64,
    pub traces_aborted: u64,
    pub machine_code_entries: u64,
    pub guard_failures: u64,
}

/// A compiled loop with its bridges (a tree of the driver's forest), and what resuming
/// from their guards needs.
struct CompiledLoop {
    /// By piece (0 is the loop, then the bridges in the tree's numbering).
    pieces: Vec<Piece>,
    /// The loop's greens (rooted), where bridges close.
    greens: Values,
    /// The types of the root's label (what a bridge's `jump` passes): the reds, then what
    /// the trace keeps of the virtualizable.
    label_types: Vec<Type>,
    /// Failures so far of each guard without a bridge, by (piece, guard).
    failures: HashMap<(usize, usize), u32>,
}

/// One compiled trace of a loop's tree.
struct Piece {
    resumes: Vec<(usize, Resume)>,
    constants: RootVec<GcRef>,
}

impl Piece {
    fn new(trace: &Trace, resumes: Vec<(usize, Resume)>) -> Self {
        Piece {
            constants: constants_of(trace),
            resumes,
        }
    }
}

/// The types of `trace`'s label, or of the merge point's reds if it has none (a root that
/// returns or leaves, whose bridges' jumps then have no label to go to).
fn label_types(trace: &Trace, merge: &MergePoint) -> Vec<Type> {
    match trace
        .ops()
        .iter()
        .find(|op| op.opcode == ferrite_trace::Opcode::Label)
    {
        Some(label) => label
            .args
            .iter()
            .map(|&arg| trace.operand_type(arg).expect("a label argument"))
            .collect(),
        None => merge.reds.iter().map(|&(kind, _)| kind.to_type()).collect(),
    }
}

/// The `jit-trace` log: a trace as the tracer recorded it, before the optimizer and the
/// backend see it (the `compile` log shows what was compiled).
fn log_recorded(recorded: &crate::tracer::Recorded, what: &str) {
    if ferrite_log::enabled("jit-trace") {
        let header = format!(
            "{what}: {} operations, {} guards",
            recorded.trace.ops().len(),
            recorded.resumes.len()
        );
        ferrite_log::write("jit-trace", &header, &recorded.trace.to_string());
    }
}

/// Whether a quasi-immutable field the trace read as a constant was written while it was
/// being traced (by a residual call, say): then its value is stale from the start.
fn still_valid(recorded: &Recorded<'_>) -> Result<(), String> {
    let invalidated = match recorded.watch_cell {
        Some(Operand::Ref(index)) => recorded
            .trace
            .ref_constant(index)
            .downcast::<Array<u8>>()
            .is_none_or(is_invalidated),
        Some(_) => true,
        None => false,
    };
    if invalidated {
        Err("a quasi-immutable field it read as a constant was written while tracing".into())
    } else {
        Ok(())
    }
}

/// The optimizer over a recorded trace (unless `enable_opts` is none): the trace the backend
/// compiles, with its guards' resume data renumbered (removed guards need none).
fn optimized(recorded: Recorded<'_>, passes: Passes) -> Recorded<'_> {
    if !passes.any() {
        return recorded;
    }
    match ferrite_optimizer::optimize(&recorded.trace, passes) {
        Ok(optimized) => Recorded {
            resumes: recorded
                .resumes
                .into_iter()
                .filter_map(|(guard, resume)| optimized.guards[guard].map(|g| (g, resume)))
                .collect(),
            trace: optimized.trace,
            end: recorded.end,
            // The optimized trace keeps the reference constants, in order.
            watch_cell: recorded.watch_cell,
        },
        Err(error) => {
            ferrite_log::log!(
                "jit-abort",
                "the optimizer made an invalid trace ({error}); compiling the trace as recorded"
            );
            recorded
        }
    }
}

impl Drop for Driver<'_> {
    /// The `jit-summary` log: what the driver did, the parameters in force and the keys
    /// still warming up.
    fn drop(&mut self) {
        if ferrite_log::enabled("jit-summary") {
            let warmest = self.counters.values().copied().fold(0.0, f64::max);
            ferrite_log::log!(
                "jit-summary",
                "{:?}; {} keys warming (warmest {warmest:.3}); {:?}",
                self.stats,
                self.counters.len(),
                self.params
            );
        }
    }
}

/// Run `f` on the green key of `greens` without allocating (for up to eight greens): a
/// native interpreter looks one up at every back-edge.
fn with_green_key<R>(greens: &[Scalar], f: impl FnOnce(&[u64]) -> R) -> R {
    const INLINE: usize = 8;
    if greens.len() > INLINE {
        return f(&green_key(greens));
    }
    let mut words = [0u64; INLINE];
    for (word, &green) in words.iter_mut().zip(greens) {
        *word = ferrite_trace::calls::to_word(green);
    }
    f(&words[..greens.len()])
}

/// The green key of `greens`: their words (references by address).
pub(crate) fn green_key(greens: &[Scalar]) -> GreenKey {
    greens
        .iter()
        .map(|&g| ferrite_trace::calls::to_word(g))
        .collect()
}

/// Where a native interpreter continues after the JIT ran (see `Driver::can_enter_jit`).
#[derive(Debug, PartialEq)]
pub enum Resumed {
    /// At its merge point, with these greens and reds (in the merge point's order).
    MergePoint {
        greens: Vec<Scalar>,
        reds: Vec<Scalar>,
    },
    /// The portal returned this.
    Returned(Option<Scalar>),
}

/// A green key: the greens as words (references by address; the objects are kept alive by
/// `green_objects`, and a moved object just makes a key that no longer comes round).
pub(crate) type GreenKey = Vec<u64>;

/// Runs a portal with the JIT.
pub struct Driver<'m> {
    module: &'m JitModule,
    portal: usize,
    merge: MergePoint,
    pub params: Params,
    pub stats: Stats,
    /// Warmth of each green key that has come round and is not compiled: traced at 1.
    counters: FxHashMap<GreenKey, f64>,
    /// The machine code: a tree per compiled green key, linked to each other.
    forest: Forest,
    /// Which tree each compiled key is.
    trees: FxHashMap<GreenKey, TreeId>,
    /// By tree.
    compiled: Vec<CompiledLoop>,
    green_objects: RootVec<Option<GcRef>>,
}

/// The tag of the `finish` that leaves for the key of `greens` if it has machine code: its
/// tree's number plus one (0 is `FINISH_RETURNED`).
fn exit_tag(trees: &FxHashMap<GreenKey, TreeId>, greens: &[Scalar]) -> Option<i64> {
    with_green_key(greens, |key| trees.get(key).map(|&tree| tree as i64 + 1))
}

/// The tree a finish with `tag` enters (see `exit_tag`): what the forest links it to.
fn tree_of_tag(tag: i64) -> Option<TreeId> {
    (tag > FINISH_RETURNED).then(|| (tag - 1) as TreeId)
}

/// The most blackhole instructions between two merge points before giving up (a loop
/// without a merge point is the interpreter's bug).
const MAX_STEPS: u64 = 1 << 40;

impl<'m> Driver<'m> {
    /// A driver for `portal`, the jitcode holding the interpreter's `jit_merge_point`.
    ///
    /// # Safety
    /// Compiled code does no checks of its own, so the jitcode must be well-typed: every
    /// register that is dereferenced holds a non-null object of the type the instruction's
    /// descriptor names, and array indices are checked before use. The translator
    /// guarantees this for the code it generates (Rust's types and checks); hand-written
    /// jitcode must be written so.
    pub unsafe fn new(module: &'m JitModule, portal: usize, params: Params) -> Self {
        let merge = merge_point(module, portal).unwrap_or_else(|| {
            panic!(
                "{} has no jit_merge_point: it is not a portal",
                module.codes[portal].name
            )
        });
        Driver {
            module,
            portal,
            merge,
            params,
            stats: Stats::default(),
            counters: FxHashMap::default(),
            forest: Forest::new(),
            trees: FxHashMap::default(),
            compiled: Vec::new(),
            green_objects: RootVec::new(),
        }
    }

    fn read(&self, machine: &Machine, registers: &[(ferrite_jitcode::Kind, u8)]) -> Vec<Scalar> {
        registers
            .iter()
            .map(|&(kind, register)| machine.register(kind, register))
            .collect()
    }

    /// Run the portal on `arguments` to its return.
    pub fn run(&mut self, arguments: &[Scalar]) -> Result<Option<Scalar>, BlackholeError> {
        let mut machine = Machine::new(self.module, self.portal, arguments)?;
        if !self.params.enabled {
            return match machine.run(MAX_STEPS)? {
                Stop::Returned(value) => Ok(value),
                Stop::MergePoint | Stop::LoopHeader => unreachable!("no portal to stop in"),
            };
        }
        // The first merge point is the portal's entry: counted with `function_threshold`.
        machine.stop_in_portal(self.portal, true);
        loop {
            let entry = match machine.run(MAX_STEPS)? {
                Stop::Returned(value) => return Ok(value),
                Stop::MergePoint => {
                    machine.set_stop_at_merge_point(false);
                    true
                }
                Stop::LoopHeader => false,
            };
            if let Some(value) = self.at_hint(&mut machine, entry)? {
                return Ok(value);
            }
        }
    }

    /// Run the portal in the blackhole interpreter alone (no counting, no machine code) from
    /// its merge point with these greens and reds (in the merge point's order) to its return:
    /// the "jitcode only" mode of a native interpreter.
    pub fn run_from_merge_point(
        &mut self,
        greens: &[Scalar],
        reds: &[Scalar],
    ) -> Result<Option<Scalar>, BlackholeError> {
        let state = self.merge_point_state(greens, reds);
        let mut machine = Machine::from_states(self.module, vec![state]);
        match machine.run(MAX_STEPS)? {
            Stop::Returned(value) => Ok(value),
            Stop::MergePoint | Stop::LoopHeader => unreachable!("no portal to stop in"),
        }
    }

    /// A native interpreter is at `can_enter_jit` (a back-edge of the user's program) with
    /// the merge point's greens and reds, in its order: count, or trace, or run machine code.
    /// `None`: carry on natively. Otherwise the JIT ran and the native interpreter continues
    /// as `Resumed` says: at its merge point with new greens and reds, or by returning (the
    /// merge-point contract, `docs/jit-core.md`).
    pub fn can_enter_jit(
        &mut self,
        greens: &[Scalar],
        reds: &[Scalar],
    ) -> Result<Option<Resumed>, BlackholeError> {
        self.native_hint(greens, reds, false)
    }

    /// A native interpreter entered its portal: as `can_enter_jit`, counted with
    /// `function_threshold`.
    pub fn portal_entry(
        &mut self,
        greens: &[Scalar],
        reds: &[Scalar],
    ) -> Result<Option<Resumed>, BlackholeError> {
        self.native_hint(greens, reds, true)
    }

    fn native_hint(
        &mut self,
        greens: &[Scalar],
        reds: &[Scalar],
        entry: bool,
    ) -> Result<Option<Resumed>, BlackholeError> {
        if !self.params.enabled {
            return Ok(None);
        }
        if !with_green_key(greens, |key| self.ready(key, entry)) {
            return Ok(None);
        }
        let key = green_key(greens);
        // The JIT takes over at the merge point: a blackhole machine there holds the state,
        // and finishes whatever machine code leaves unfinished, up to the next merge point.
        let state = self.merge_point_state(greens, reds);
        let mut machine = Machine::from_states(self.module, vec![state]);
        machine.stop_in_portal(self.portal, true);
        if let Some(value) = self.jit_at(&mut machine, greens, key)? {
            return Ok(Some(Resumed::Returned(value)));
        }
        loop {
            match machine.run(MAX_STEPS)? {
                Stop::Returned(value) => return Ok(Some(Resumed::Returned(value))),
                Stop::MergePoint => {
                    return Ok(Some(Resumed::MergePoint {
                        greens: self.read(&machine, &self.merge.greens),
                        reds: self.read(&machine, &self.merge.reds),
                    }))
                }
                Stop::LoopHeader => machine.pass_hint(),
            }
        }
    }

    /// The portal's frame at its merge point with these greens and reds (and every other
    /// register zero: only they are live there).
    fn merge_point_state(&self, greens: &[Scalar], reds: &[Scalar]) -> FrameState {
        let counts = self.module.codes[self.portal]
            .register_counts
            .map(|c| c as usize);
        let mut state = FrameState {
            code: self.portal,
            pc: self.merge.pc,
            ints: vec![0; counts[0]],
            refs: vec![None; counts[1]],
            floats: vec![0.0; counts[2]],
            result_register: None,
        };
        let registers = self.merge.greens.iter().chain(&self.merge.reds);
        for (&(_, register), &value) in registers.zip(greens.iter().chain(reds)) {
            let r = register as usize;
            match value {
                Scalar::Int(v) => state.ints[r] = v,
                Scalar::Ref(v) => state.refs[r] = v,
                Scalar::Float(v) => state.floats[r] = v,
            }
        }
        state
    }

    /// How warm the green key `greens` is: the fraction of the way to being traced (see
    /// `Params::threshold`), 0 if it has not come round or is compiled.
    pub fn warmth(&self, greens: &[Scalar]) -> f64 {
        self.counters
            .get(&green_key(greens))
            .copied()
            .unwrap_or(0.0)
    }

    /// The machine is at the portal's entry (its first merge point) or at a loop header
    /// (`can_enter_jit`), where the state is the merge point's: enter machine code, or count,
    /// or trace. Returns the portal's result if the program ended meanwhile.
    fn at_hint(
        &mut self,
        machine: &mut Machine<'m>,
        entry: bool,
    ) -> Result<Option<Option<Scalar>>, BlackholeError> {
        let greens = self.read(machine, &self.merge.greens);
        if !with_green_key(&greens, |key| self.ready(key, entry)) {
            machine.pass_hint();
            return Ok(None);
        }
        self.jit_at(machine, &greens, green_key(&greens))
    }

    /// A green key came round at the portal's entry or a loop header: true if it has
    /// machine code, or is hot now (its counter is then gone, and every other counter
    /// decays). A native interpreter pays this at every back-edge: one hash lookup while the
    /// key warms up, two once it is compiled (when machine code mostly runs the loop).
    fn ready(&mut self, key: &[u64], entry: bool) -> bool {
        // Entries and back-edges of one key add to one counter, at their own rates.
        let threshold = if entry {
            self.params.function_threshold
        } else {
            self.params.threshold
        };
        let increment = 1.0 / threshold as f64;
        match self.counters.get_mut(key) {
            Some(warmth) => {
                *warmth += increment;
                if *warmth < 1.0 {
                    return false;
                }
            }
            None if self.trees.contains_key(key) => return true,
            // The key is copied only the first time it comes round.
            None if increment < 1.0 => {
                self.counters.insert(key.to_vec(), increment);
                return false;
            }
            None => {}
        }
        self.counters.remove(key);
        self.decay_counters();
        true
    }

    /// The machine is at a merge point or loop header with `greens`, whose key is compiled
    /// or hot: enter its machine code, or trace and compile it. Returns the portal's result
    /// if the program ended meanwhile.
    fn jit_at(
        &mut self,
        machine: &mut Machine<'m>,
        greens: &[Scalar],
        key: GreenKey,
    ) -> Result<Option<Option<Scalar>>, BlackholeError> {
        let reds = self.read(machine, &self.merge.reds);
        if let Some(&tree) = self.trees.get(&key) {
            return self.enter(machine, tree, Values::from_scalars(&reds), 0);
        }
        let arena = Bump::new();
        let trees = &self.trees;
        let mut exits = |greens: &[Scalar]| exit_tag(trees, greens);
        let traced = trace_loop(
            &arena,
            self.module,
            self.portal,
            greens,
            &reds,
            self.params.trace_limit,
            &mut exits,
        );
        let recorded = match traced {
            Ok(recorded) => recorded,
            Err(aborted) => {
                return self.aborted(machine, aborted, &format!("tracing at greens {greens:?}"))
            }
        };
        log_recorded(&recorded, &format!("traced at greens {greens:?}"));
        let recorded = optimized(recorded, self.params.enable_opts);
        let tree = match still_valid(&recorded).and_then(|()| {
            self.forest
                .add(&recorded.trace, &tree_of_tag)
                .map_err(|e| e.to_string())
        }) {
            Ok(tree) => tree,
            Err(error) => {
                ferrite_log::log!(
                    "jit-abort",
                    "compiling the trace at {greens:?} failed: {error}"
                );
                self.stats.traces_aborted += 1;
                // Tracing ran the code: continue in the blackhole from where it ended.
                return Ok(match recorded.end {
                    End::Returned(value) => Some(value.to_vec().pop()),
                    End::Entered(tag, end_reds) => {
                        let target = tree_of_tag(tag).expect("a tree's tag");
                        let target_greens = self.compiled[target].greens.to_vec();
                        let state = self.merge_point_state(&target_greens, &end_reds.to_vec());
                        machine.replace_frames(vec![state]);
                        None
                    }
                    End::Jumped(end_reds) => {
                        // At the merge point (the loop header goes straight there) only the
                        // greens and reds are live.
                        for (&(kind, register), value) in
                            self.merge.reds.iter().zip(end_reds.to_vec())
                        {
                            machine.set_register(kind, register, value);
                        }
                        machine.pass_hint();
                        None
                    }
                });
            }
        };
        for green in greens {
            if let Scalar::Ref(object) = green {
                self.green_objects.push(*object);
            }
        }
        debug_assert_eq!(tree, self.compiled.len());
        self.trees.insert(key, tree);
        self.compiled.push(CompiledLoop {
            label_types: label_types(&recorded.trace, &self.merge),
            pieces: vec![Piece::new(&recorded.trace, recorded.resumes)],
            greens: Values::from_scalars(greens),
            failures: HashMap::new(),
        });
        self.stats.loops_compiled += 1;
        match recorded.end {
            End::Returned(value) => {
                ferrite_log::log!(
                    "jit-loop",
                    "compiled a trace returning from the portal at greens {greens:?}"
                );
                Ok(Some(value.to_vec().pop()))
            }
            End::Jumped(end_reds) => {
                ferrite_log::log!("jit-loop", "compiled a loop at greens {greens:?}");
                // Tracing ran one iteration: continue in machine code from where it ended.
                self.enter(machine, tree, end_reds, 0)
            }
            End::Entered(tag, end_reds) => {
                ferrite_log::log!(
                    "jit-loop",
                    "compiled a trace at greens {greens:?} that goes on in another loop"
                );
                let target = tree_of_tag(tag).expect("a tree's tag");
                self.enter(machine, target, end_reds, 0)
            }
        }
    }

    /// Tracing starts: every counter loses `decay` thousandths of its warmth, so keys that
    /// warm up slowly are forgotten rather than traced eventually.
    fn decay_counters(&mut self) {
        if self.params.decay == 0 {
            return;
        }
        let keep = 1.0 - self.params.decay as f64 / 1000.0;
        self.counters.retain(|_, warmth| {
            *warmth *= keep;
            *warmth > 0.0
        });
    }

    /// Tracing stopped: continue from the state it left (or with the portal's result).
    fn aborted(
        &mut self,
        machine: &mut Machine<'m>,
        aborted: Aborted,
        what: &str,
    ) -> Result<Option<Option<Scalar>>, BlackholeError> {
        self.stats.traces_aborted += 1;
        ferrite_log::log!("jit-abort", "{what} stopped: {}", aborted.reason);
        if let Some(greens) = &aborted.unrolled {
            // The trace unrolled an inner loop until it was too long: make that loop hot,
            // so that it is traced the next time it comes round and later traces end there.
            let key = green_key(greens);
            if !self.trees.contains_key(&key) {
                ferrite_log::log!("jit-abort", "the inner loop at {greens:?} will be traced");
                self.counters.insert(key, 1.0);
            }
        }
        match aborted.state {
            AbortState::Frames(frames) => {
                machine.replace_frames(frames);
                Ok(None)
            }
            AbortState::Raised {
                code,
                pc,
                exception,
            } => Err(BlackholeError::Uncaught {
                jitcode: self.module.codes[code].name.clone(),
                pc,
                exception,
            }),
        }
    }

    /// Run tree `tree` from `reds` (after `skip` other values) until a guard without a
    /// bridge fails, then put the machine at the guard's resume point (or trace a bridge from
    /// it, if it is hot, and go round again). Returns the portal's result if the program
    /// ended.
    fn enter(
        &mut self,
        machine: &mut Machine<'m>,
        mut tree: TreeId,
        mut reds: Values,
        mut skip: usize,
    ) -> Result<Option<Option<Scalar>>, BlackholeError> {
        loop {
            self.stats.machine_code_entries += 1;
            // SAFETY: the traces were recorded by the tracer from this driver's jitcode,
            // which `Driver::new`'s contract makes well-typed; every assumption they make
            // about values is guarded, and a finish is linked only to the tree its tag
            // enters. The reds are this thread's objects (from the machine's registers, or
            // the tracer's), rooted by `reds`.
            let outcome = unsafe { self.forest.run(tree, &reds.to_vec()[skip..]) };
            skip = 0;
            let (piece, guard, values) = match outcome {
                Ok((
                    exited,
                    Outcome::GuardFailed {
                        trace,
                        guard,
                        values,
                    },
                )) => {
                    tree = exited;
                    (trace, guard, values)
                }
                Ok((_, Outcome::Finished(values))) => {
                    let Scalar::Int(tag) = values.get(0) else {
                        unreachable!("a finish starts with its tag")
                    };
                    if tag == FINISH_RETURNED {
                        // A trace (or bridge) that returns from the portal.
                        return Ok(Some(values.to_vec().split_off(1).pop()));
                    }
                    // A trace that goes on in another tree the forest did not link (its
                    // root is not a loop), with the reds after the tag.
                    tree = tree_of_tag(tag).expect("a tree's tag");
                    reds = values;
                    skip = 1;
                    continue;
                }
                Err(RunError::OutOfMemory { op_index }) => {
                    return Err(BlackholeError::Heap {
                        jitcode: self.module.codes[self.portal].name.clone(),
                        pc: op_index,
                        error: AccessError::OutOfMemory(ferrite_gc::OutOfMemory {
                            requested_bytes: 0,
                        }),
                    })
                }
                Err(error) => panic!("compiled code failed: {error}"),
            };
            self.stats.guard_failures += 1;
            let compiled = &mut self.compiled[tree];
            let failures = compiled.failures.entry((piece, guard)).or_insert(0);
            *failures += 1;
            let hot = *failures == self.params.trace_eagerness;
            let data = &compiled.pieces[piece];
            let resume = &data
                .resumes
                .iter()
                .find(|(g, _)| *g == guard)
                .expect("resume data")
                .1;
            if !hot {
                // No allocation between rebuilding and handing over: `values` and the
                // piece's constants root the states' references meanwhile.
                machine.replace_frames(rebuild_frames(&data.constants, resume, &values));
                if resume.raising {
                    // A residual call raised in machine code: raise it at that call (which
                    // ran already) in the blackhole.
                    machine.raise(raised_exception(&values))?;
                }
                return Ok(None);
            }
            // A hot guard: trace a bridge from it (which runs the rest of the iteration).
            let arena = Bump::new();
            let greens = compiled.greens.to_vec();
            let trees = &self.trees;
            let mut exits = |greens: &[Scalar]| exit_tag(trees, greens);
            let traced = trace_bridge(
                &arena,
                self.module,
                self.portal,
                &greens,
                &compiled.label_types,
                resume,
                &values,
                &data.constants,
                self.params.trace_limit,
                &mut exits,
            );
            let recorded = match traced {
                Ok(recorded) => recorded,
                Err(aborted) => {
                    // Try again after as many failures (the inner loop that made it too
                    // long may have a loop of its own by then).
                    self.compiled[tree].failures.insert((piece, guard), 0);
                    let what = format!("a bridge from guard {guard} of trace {piece}");
                    return self.aborted(machine, aborted, &what);
                }
            };
            log_recorded(
                &recorded,
                &format!("traced a bridge from guard {guard} of trace {piece}"),
            );
            let recorded = optimized(recorded, self.params.enable_opts);
            match still_valid(&recorded).and_then(|()| {
                self.forest
                    .attach(tree, piece, guard, &recorded.trace, &tree_of_tag)
                    .map_err(|e| e.to_string())
            }) {
                Ok(_) => {
                    self.compiled[tree]
                        .pieces
                        .push(Piece::new(&recorded.trace, recorded.resumes));
                    self.stats.bridges_compiled += 1;
                }
                Err(error) => {
                    // The iteration is done either way; the guard just stays bridgeless.
                    ferrite_log::log!("jit-abort", "compiling a bridge failed: {error}");
                    self.stats.traces_aborted += 1;
                }
            }
            match recorded.end {
                // The bridge's tracing ended at the merge point: go round from its reds.
                End::Jumped(end_reds) => reds = end_reds,
                End::Entered(tag, end_reds) => {
                    tree = tree_of_tag(tag).expect("a tree's tag");
                    reds = end_reds;
                }
                End::Returned(value) => return Ok(Some(value.to_vec().pop())),
            }
        }
    }
}
