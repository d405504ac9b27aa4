//! Random tl programs that always terminate, for the differential tests.
//!
//! The generator keeps the types of what it pushes (integers, and lists of integers), so
//! most programs run to the end; a few unguarded `car`s of possibly empty lists, divisions
//! by computed divisors and deliberate type errors end some in runtime errors, which every
//! mode must report alike.
//!
//! Termination and run time: every loop runs a counter local (which its body never
//! assigns) down from at most `MAX_COUNT`; every function takes a counter `n` first,
//! recurses only on `n 1 -` under `n 0 >`, and is called from elsewhere with a literal
//! counter of at most `MAX_COUNT`, so a function runs at most `MAX_COUNT + 1` times per
//! call (linear recursion) or `2^(MAX_COUNT + 1)` (two recursive calls). Functions call only
//! functions defined before them, besides themselves. The generator estimates each piece's
//! steps (loop bodies times their counts, calls times the callee's estimate) and keeps
//! functions and the main program under a budget.
//!
//! Statements are balanced: each leaves the stack as it found it (what it pushes, it
//! prints, stores or drops), so `if`/`else` branches and loop bodies agree on the stack.

use ferrite::random::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    /// A list of integers: nil or a pair of an integer and a list.
    List,
}

/// A function defined so far: its parameter types (the first is the counter), result type
/// and estimated steps per call from outside.
struct Function {
    parameters: Vec<Ty>,
    result: Ty,
    cost: u64,
}

/// The most a loop or a call's counter counts.
const MAX_COUNT: u64 = 4;
/// Estimated steps allowed per function call and for the main program.
const FUNCTION_BUDGET: u64 = 2_000;
const MAIN_BUDGET: u64 = 10_000;

struct Generator {
    rng: Rng,
    out: String,
    indent: usize,
    functions: Vec<Function>,
    /// The current function's locals that statements may read and assign.
    locals: Vec<(String, Ty)>,
    /// Locals that may be read but not assigned (loop counters, the counter `n`).
    read_only: Vec<(String, Ty)>,
    /// Fresh local names.
    next_local: usize,
    /// Steps estimated so far and allowed in the current function or main program.
    cost: u64,
    budget: u64,
    /// How many times the code being generated runs per run of the function (loops).
    multiplier: u64,
    /// Statements left to generate (keeps the text small).
    pieces: usize,
    /// The result type of the function being generated (`None` in the main program).
    result: Option<Ty>,
}

impl Generator {
    fn chance(&mut self, one_in: u64) -> bool {
        self.rng.below(one_in) == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.below(items.len() as u64) as usize]
    }

    fn word(&mut self, word: &str) {
        if !self.out.ends_with(['\n', ' ']) && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.out.push_str(word);
    }

    fn line(&mut self) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', self.indent * 2));
    }

    /// Count `steps` run `multiplier` times.
    fn charge(&mut self, steps: u64) {
        self.cost = self
            .cost
            .saturating_add(steps.saturating_mul(self.multiplier));
    }

    fn affordable(&self, steps: u64) -> bool {
        self.cost
            .saturating_add(steps.saturating_mul(self.multiplier))
            <= self.budget
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.next_local += 1;
        format!("{prefix}{}", self.next_local)
    }

    /// A readable local of type `ty`, if there is one.
    fn readable(&mut self, ty: Ty) -> Option<String> {
        let names: Vec<String> = self
            .locals
            .iter()
            .chain(&self.read_only)
            .filter(|(_, t)| *t == ty)
            .map(|(n, _)| n.clone())
            .collect();
        (!names.is_empty()).then(|| names[self.rng.below(names.len() as u64) as usize].clone())
    }

    fn assignable(&mut self, ty: Ty) -> Option<String> {
        let names: Vec<String> = self
            .locals
            .iter()
            .filter(|(_, t)| *t == ty)
            .map(|(n, _)| n.clone())
            .collect();
        (!names.is_empty()).then(|| names[self.rng.below(names.len() as u64) as usize].clone())
    }

    fn literal(&mut self) {
        let value: i64 = if self.chance(12) {
            self.pick(&[i64::MAX, i64::MIN, 1 << 40, -(1 << 33), 123_456_789, -1])
        } else {
            self.rng.below(21) as i64 - 10
        };
        self.word(&value.to_string());
    }

    /// A call of an earlier function returning `ty`, if one is affordable.
    fn call(&mut self, ty: Ty, depth: usize) -> bool {
        let candidates: Vec<usize> = (0..self.functions.len())
            .filter(|&f| self.functions[f].result == ty && self.affordable(self.functions[f].cost))
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let callee = candidates[self.rng.below(candidates.len() as u64) as usize];
        let parameters = self.functions[callee].parameters.clone();
        let count = self.rng.below(MAX_COUNT + 1);
        self.word(&count.to_string());
        for &parameter in &parameters[1..] {
            self.expression(parameter, depth + 1);
        }
        self.word(&format!("f{callee}"));
        let cost = self.functions[callee].cost;
        self.charge(cost);
        true
    }

    /// Code that pushes one value of type `ty`.
    fn expression(&mut self, ty: Ty, depth: usize) {
        self.charge(1);
        if depth > 3 {
            match ty {
                Ty::Int => self.literal(),
                Ty::List => self.word("nil"),
            }
            return;
        }
        match ty {
            Ty::Int => self.int_expression(depth),
            Ty::List => self.list_expression(depth),
        }
    }

    fn int_expression(&mut self, depth: usize) {
        match self.rng.below(16) {
            0..=2 => self.literal(),
            3..=4 => match self.readable(Ty::Int) {
                Some(local) => self.word(&local),
                None => self.literal(),
            },
            5..=7 => {
                self.expression(Ty::Int, depth + 1);
                self.expression(Ty::Int, depth + 1);
                let op = self.pick(&["+", "-", "*", "=", "<>", "<", ">", "<=", ">="]);
                self.word(op);
            }
            8 => {
                // Division, mostly by a nonzero literal; sometimes by anything.
                self.expression(Ty::Int, depth + 1);
                if self.chance(25) {
                    self.expression(Ty::Int, depth + 1);
                } else {
                    let divisor = self.pick(&[1, 2, 3, 7, -1, -5, 100]);
                    self.word(&divisor.to_string());
                }
                let op = self.pick(&["/", "mod"]);
                self.word(op);
            }
            9 => {
                self.expression(Ty::Int, depth + 1);
                self.word("not");
            }
            10 => {
                // Stack shuffles.
                match self.rng.below(5) {
                    0 => {
                        self.expression(Ty::Int, depth + 1);
                        self.expression(Ty::Int, depth + 1);
                        self.word("swap -");
                    }
                    1 => {
                        self.expression(Ty::Int, depth + 1);
                        self.word("dup *");
                    }
                    2 => {
                        self.expression(Ty::Int, depth + 1);
                        self.expression(Ty::Int, depth + 1);
                        self.word("over + *");
                    }
                    3 => {
                        self.expression(Ty::Int, depth + 1);
                        self.expression(Ty::Int, depth + 1);
                        self.expression(Ty::Int, depth + 1);
                        self.word("rot - -");
                    }
                    _ => {
                        self.expression(Ty::List, depth + 1);
                        self.expression(Ty::Int, depth + 1);
                        self.word("swap drop");
                    }
                }
            }
            11 => {
                self.expression(Ty::List, depth + 1);
                if self.chance(60) {
                    // Unguarded: nil fails.
                    self.word("car");
                } else {
                    self.word("dup pair? if car else drop -1 then");
                }
            }
            12 => {
                self.expression(Ty::List, depth + 1);
                let test = self.pick(&["nil?", "pair?"]);
                self.word(test);
            }
            13 if self.chance(100) => {
                // A type error: a list where an integer belongs.
                self.expression(Ty::List, depth + 1);
                self.expression(Ty::Int, depth + 1);
                self.word("+");
            }
            _ => {
                if !self.call(Ty::Int, depth) {
                    self.literal();
                }
            }
        }
    }

    fn list_expression(&mut self, depth: usize) {
        match self.rng.below(10) {
            0 => self.word("nil"),
            1..=3 => {
                self.expression(Ty::Int, depth + 1);
                self.expression(Ty::List, depth + 1);
                self.word("cons");
            }
            4..=6 => match self.readable(Ty::List) {
                Some(local) => self.word(&local),
                None => self.word("nil"),
            },
            7 => {
                self.expression(Ty::List, depth + 1);
                if self.chance(60) {
                    // Unguarded: nil fails.
                    self.word("cdr");
                } else {
                    self.word("dup pair? if cdr then");
                }
            }
            _ => {
                if !self.call(Ty::List, depth) {
                    self.word("nil");
                }
            }
        }
    }

    /// Statements that leave the stack as they found it.
    fn block(&mut self, depth: usize) {
        let count = 1 + self.rng.below(4);
        for _ in 0..count {
            if self.pieces == 0 || self.cost >= self.budget {
                return;
            }
            self.pieces -= 1;
            self.line();
            self.statement(depth);
        }
    }

    fn statement(&mut self, depth: usize) {
        self.charge(1);
        match self.rng.below(14) {
            0..=2 => {
                let ty = self.pick(&[Ty::Int, Ty::Int, Ty::List]);
                self.expression(ty, 0);
                self.word(".");
                let separator = self.pick(&["cr", "32 emit", "44 emit cr"]);
                self.word(separator);
            }
            3..=4 => {
                let ty = self.pick(&[Ty::Int, Ty::List]);
                if let Some(local) = self.assignable(ty) {
                    self.expression(ty, 0);
                    self.word(&format!("={local}"));
                }
            }
            5 => {
                if let Some(list) = self.assignable(Ty::List) {
                    self.expression(Ty::Int, 0);
                    self.word(&format!("{list} cons ={list}"));
                }
            }
            6..=7 if depth < 3 => {
                self.expression(Ty::Int, 0);
                self.word("if");
                self.indent += 1;
                self.block(depth + 1);
                if self.chance(2) {
                    self.indent -= 1;
                    self.line();
                    self.word("else");
                    self.indent += 1;
                    self.block(depth + 1);
                }
                self.indent -= 1;
                self.line();
                self.word("then");
            }
            8..=9 if depth < 3 => self.counted_loop(depth),
            10 if depth < 3 && self.multiplier == 1 => {
                // Walk a list (at most as long as the steps so far).
                if let Some(list) = self.readable(Ty::List) {
                    let walker = self.fresh("w");
                    self.word(&format!("{list} ={walker} begin {walker} pair? while"));
                    self.indent += 1;
                    self.line();
                    self.word(&format!("{walker} car . 32 emit {walker} cdr ={walker}"));
                    self.indent -= 1;
                    self.line();
                    self.word("repeat cr");
                    self.charge(self.cost.min(self.budget));
                }
            }
            11 if self.chance(8) => {
                // An early return (of the result, in a function), or the program's end.
                self.expression(Ty::Int, 0);
                self.word("if");
                if let Some(result) = self.result {
                    self.expression(result, 0);
                }
                self.word("exit then");
            }
            12 => {
                // Shuffle and print two values.
                let first = self.pick(&[Ty::Int, Ty::List]);
                self.expression(first, 0);
                self.expression(Ty::Int, 0);
                let shuffle = self.pick(&["swap . . cr", "over . . . cr", "dup . drop . cr"]);
                self.word(shuffle);
            }
            _ => {
                if let Some(local) = self.readable(Ty::Int) {
                    self.word(&format!("{local} . cr"));
                } else {
                    self.word("cr");
                }
            }
        }
    }

    /// `k =c begin c 0 > while … c 1 - =c repeat` or `k =c begin … c 1 - dup =c 1 < until`.
    fn counted_loop(&mut self, depth: usize) {
        let count = self.rng.below(MAX_COUNT + 1);
        let counter = self.fresh("c");
        self.read_only.push((counter.clone(), Ty::Int));
        let saved = self.multiplier;
        self.multiplier = self.multiplier.saturating_mul(count.max(1));
        let until = self.chance(2);
        if until {
            self.word(&format!("{count} ={counter} begin"));
        } else {
            self.word(&format!("{count} ={counter} begin {counter} 0 > while"));
        }
        self.indent += 1;
        self.block(depth + 1);
        self.indent -= 1;
        self.line();
        if until {
            self.word(&format!("{counter} 1 - dup ={counter} 1 < until"));
        } else {
            self.word(&format!("{counter} 1 - ={counter} repeat"));
        }
        self.charge(6);
        self.multiplier = saved;
        self.read_only.pop();
    }

    /// Declare and initialize a few locals.
    fn declare_locals(&mut self) {
        let ints = 1 + self.rng.below(2);
        for _ in 0..ints {
            let name = self.fresh("i");
            self.literal();
            self.word(&format!("={name}"));
            self.locals.push((name, Ty::Int));
        }
        let lists = 1 + self.rng.below(2);
        for _ in 0..lists {
            let name = self.fresh("l");
            self.word(&format!("nil ={name}"));
            self.locals.push((name, Ty::List));
        }
    }

    /// `: fK { n p… } … n 0 > if … (recursive call) else … then ;`
    fn function(&mut self) {
        let index = self.functions.len();
        let mut parameters = vec![Ty::Int];
        for _ in 0..self.rng.below(3) {
            parameters.push(self.pick(&[Ty::Int, Ty::List]));
        }
        let result = self.pick(&[Ty::Int, Ty::Int, Ty::List]);
        let tree = result == Ty::Int && self.chance(3);
        let calls = if tree {
            1 << (MAX_COUNT + 1)
        } else {
            MAX_COUNT + 1
        };
        self.locals.clear();
        self.read_only = vec![("n".to_string(), Ty::Int)];
        let mut header = vec!["n".to_string()];
        for &ty in &parameters[1..] {
            let name = self.fresh("p");
            header.push(name.clone());
            self.locals.push((name, ty));
        }
        self.cost = 0;
        self.budget = FUNCTION_BUDGET / calls;
        self.multiplier = 1;
        self.pieces = 6;
        self.result = Some(result);
        self.word(&format!(": f{index} {{ {} }}", header.join(" ")));
        self.indent = 1;
        self.line();
        self.declare_locals();
        self.block(0);
        self.line();
        self.word("n 0 > if");
        self.indent = 2;
        self.block(1);
        self.line();
        let recursive_call = |generator: &mut Self| {
            generator.word("n 1 -");
            for &parameter in &parameters[1..] {
                generator.expression(parameter, 2);
            }
            generator.word(&format!("f{index}"));
        };
        recursive_call(self);
        if tree {
            recursive_call(self);
            self.word("+");
        } else {
            match result {
                Ty::Int => {
                    self.expression(Ty::Int, 2);
                    let op = self.pick(&["+", "-", "*", "<"]);
                    self.word(op);
                }
                Ty::List => {
                    self.expression(Ty::Int, 2);
                    self.word("swap cons");
                }
            }
        }
        self.indent = 1;
        self.line();
        self.word("else");
        self.indent = 2;
        self.line();
        self.expression(result, 1);
        self.indent = 1;
        self.line();
        self.word("then ;");
        self.indent = 0;
        self.line();
        self.functions.push(Function {
            parameters,
            result,
            cost: self.cost.max(1).saturating_mul(calls),
        });
    }
}

/// A random terminating program of about `size` statements in its main part.
pub fn program(seed: u64, size: usize) -> String {
    let mut generator = Generator {
        rng: Rng::new(seed),
        out: format!("# random program, seed {seed}\n"),
        indent: 0,
        functions: Vec::new(),
        locals: Vec::new(),
        read_only: Vec::new(),
        next_local: 0,
        cost: 0,
        budget: 0,
        multiplier: 1,
        pieces: 0,
        result: None,
    };
    let functions = generator.rng.below(5);
    for _ in 0..functions {
        generator.function();
    }
    generator.locals.clear();
    generator.read_only.clear();
    generator.cost = 0;
    generator.budget = MAIN_BUDGET;
    generator.multiplier = 1;
    generator.result = None;
    generator.declare_locals();
    generator.pieces = size;
    while generator.pieces > 0 && generator.cost < generator.budget {
        generator.block(0);
    }
    // End by printing the locals, so the final state is compared too.
    let locals: Vec<String> = generator.locals.iter().map(|(n, _)| n.clone()).collect();
    for local in locals {
        generator.line();
        generator.word(&format!("{local} . cr"));
    }
    generator.out.push('\n');
    generator.out
}
