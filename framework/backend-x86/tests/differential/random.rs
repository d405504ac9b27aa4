//! The random trace generator: loops and straight-line traces over every operation class
//! (integers, floats, fields, arrays, allocation, residual calls that collect or raise), with
//! guards that fail at random iterations.

use super::*;

/// splitmix64: small, and enough to make varied traces reproducibly from a seed.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(super) fn int(&mut self) -> i64 {
        const INTERESTING: [i64; 8] = [0, 1, -1, 2, 63, 64, i64::MIN, i64::MAX];
        match self.below(3) {
            0 => INTERESTING[self.below(INTERESTING.len())],
            1 => self.next() as i64 % 1000,
            _ => self.next() as i64,
        }
    }

    pub(super) fn float(&mut self) -> f64 {
        const INTERESTING: [f64; 8] = [
            0.0,
            -0.0,
            1.0,
            -1.5,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        match self.below(3) {
            0 => INTERESTING[self.below(INTERESTING.len())],
            1 => (self.next() as i64 % 10_000) as f64 / 7.0,
            _ => f64::from_bits(self.next()),
        }
    }
}

/// Builds one random trace through `Trace::push`.
pub(super) struct Generator<'t, 'a> {
    pub(super) rng: Rng,
    pub(super) trace: &'t mut Trace<'a>,
    pub(super) ints: Vec<Operand>,
    pub(super) floats: Vec<Operand>,
    /// References known to be non-null `Holder` objects or `Array<i64>` of length 8.
    pub(super) holders: Vec<Operand>,
    pub(super) arrays: Vec<Operand>,
    /// A loop's counter: the first fail argument of every guard, so that bridges always
    /// get it and can count down too (and the tree always ends).
    pub(super) counter: Option<Operand>,
}

impl Generator<'_, '_> {
    pub(super) fn push(
        &mut self,
        opcode: Opcode,
        args: &[Operand],
        descr: Option<Descr>,
    ) -> Option<Operand> {
        let fail_args = if opcode.is_guard() {
            self.fail_args()
        } else {
            Vec::new()
        };
        self.trace
            .push(opcode, args, descr, &fail_args)
            .unwrap_or_else(|e| panic!("generator built an invalid trace: {e}\n{}", self.trace))
    }

    pub(super) fn fail_args(&mut self) -> Vec<Operand> {
        let mut values: Vec<Operand> = self.counter.into_iter().collect();
        for pool in [&self.ints, &self.floats, &self.holders] {
            for &value in pool.iter() {
                if self.rng.chance(40) {
                    values.push(value);
                }
            }
        }
        values
    }

    pub(super) fn int_operand(&mut self) -> Operand {
        if self.rng.chance(20) || self.ints.is_empty() {
            Operand::Int(self.rng.int())
        } else {
            self.ints[self.rng.below(self.ints.len())]
        }
    }

    pub(super) fn float_operand(&mut self) -> Operand {
        if self.rng.chance(15) || self.floats.is_empty() {
            Operand::Float(self.rng.float())
        } else {
            self.floats[self.rng.below(self.floats.len())]
        }
    }

    pub(super) fn call(&mut self) {
        let target = |name| {
            Some(Descr::Call(
                ferrite_trace::calls::target_by_name(name).unwrap(),
            ))
        };
        match self.rng.below(5) {
            0 => {
                let args = [self.int_operand(), self.int_operand(), self.int_operand()];
                let r = self.push(Opcode::CallI, &args, target("add_mul")).unwrap();
                self.ints.push(r);
            }
            1 => {
                let args = [self.float_operand(), self.int_operand()];
                let r = self.push(Opcode::CallF, &args, target("scale")).unwrap();
                self.floats.push(r);
            }
            2 => {
                let count = self.int_operand();
                let r = self
                    .push(Opcode::CallR, &[count], target("make_holder"))
                    .unwrap();
                self.holders.push(r);
            }
            3 => {
                let n = self.int_operand();
                let r = self
                    .push(Opcode::CallI, &[n], target("checked_step"))
                    .unwrap();
                // Mostly the common case; sometimes a trace that expects the raise and
                // carries on with the exception (a holder).
                if self.rng.chance(80) {
                    self.push(Opcode::GuardNoException, &[], None);
                    self.ints.push(r);
                } else {
                    self.push(Opcode::GuardException, &[], None);
                    let exception = self.push(Opcode::SaveException, &[], None).unwrap();
                    self.holders.push(exception);
                }
            }
            _ if !self.holders.is_empty() => {
                let p = self.holders[self.rng.below(self.holders.len())];
                if self.rng.chance(50) {
                    let value = self.int_operand();
                    self.push(Opcode::CallN, &[p, value], target("set_count"));
                } else {
                    let r = self
                        .push(Opcode::CallI, &[p], target("holder_count"))
                        .unwrap();
                    self.ints.push(r);
                }
            }
            _ => {}
        }
    }

    pub(super) fn operation(&mut self) {
        const INT_BINARY: [Opcode; 19] = [
            Opcode::IntAdd,
            Opcode::IntSub,
            Opcode::IntMul,
            Opcode::IntAnd,
            Opcode::IntOr,
            Opcode::IntXor,
            Opcode::IntLshift,
            Opcode::IntRshift,
            Opcode::UintRshift,
            Opcode::IntLt,
            Opcode::IntLe,
            Opcode::IntEq,
            Opcode::IntNe,
            Opcode::IntGt,
            Opcode::IntGe,
            Opcode::UintLt,
            Opcode::UintLe,
            Opcode::UintGt,
            Opcode::UintGe,
        ];
        const FLOAT_BINARY: [Opcode; 4] = [
            Opcode::FloatAdd,
            Opcode::FloatSub,
            Opcode::FloatMul,
            Opcode::FloatTruediv,
        ];
        const FLOAT_COMPARE: [Opcode; 6] = [
            Opcode::FloatLt,
            Opcode::FloatLe,
            Opcode::FloatEq,
            Opcode::FloatNe,
            Opcode::FloatGt,
            Opcode::FloatGe,
        ];
        let holder = Descr::Size(Holder::descriptor_id());
        let field = |index| Descr::Field {
            owner: Holder::descriptor_id(),
            index,
        };
        let array = Descr::Array(Array::<i64>::descriptor_id());
        match self.rng.below(17) {
            0..=4 => {
                let op = INT_BINARY[self.rng.below(INT_BINARY.len())];
                let (a, b) = (self.int_operand(), self.int_operand());
                let r = self.push(op, &[a, b], None).unwrap();
                self.ints.push(r);
            }
            5 => {
                let op = [
                    Opcode::IntNeg,
                    Opcode::IntInvert,
                    Opcode::IntIsZero,
                    Opcode::IntIsTrue,
                ][self.rng.below(4)];
                let a = self.int_operand();
                let r = self.push(op, &[a], None).unwrap();
                self.ints.push(r);
            }
            6 => {
                let op =
                    [Opcode::IntAddOvf, Opcode::IntSubOvf, Opcode::IntMulOvf][self.rng.below(3)];
                let (a, b) = (self.int_operand(), self.int_operand());
                let r = self.push(op, &[a, b], None).unwrap();
                let guard = if self.rng.chance(80) {
                    Opcode::GuardNoOverflow
                } else {
                    Opcode::GuardOverflow
                };
                self.push(guard, &[], None);
                self.ints.push(r);
            }
            7 | 8 => {
                let op = FLOAT_BINARY[self.rng.below(FLOAT_BINARY.len())];
                let (a, b) = (self.float_operand(), self.float_operand());
                let r = self.push(op, &[a, b], None).unwrap();
                self.floats.push(r);
            }
            9 => match self.rng.below(4) {
                0 => {
                    let op = FLOAT_COMPARE[self.rng.below(FLOAT_COMPARE.len())];
                    let (a, b) = (self.float_operand(), self.float_operand());
                    let r = self.push(op, &[a, b], None).unwrap();
                    self.ints.push(r);
                }
                1 => {
                    let a = self.float_operand();
                    let r = self.push(Opcode::CastFloatToInt, &[a], None).unwrap();
                    self.ints.push(r);
                }
                2 => {
                    let a = self.int_operand();
                    let r = self.push(Opcode::CastIntToFloat, &[a], None).unwrap();
                    self.floats.push(r);
                }
                _ => {
                    let op = [Opcode::FloatNeg, Opcode::FloatAbs][self.rng.below(2)];
                    let a = self.float_operand();
                    let r = self.push(op, &[a], None).unwrap();
                    self.floats.push(r);
                }
            },
            10 => {
                // A guard that usually holds, sometimes not.
                let a = self.int_operand();
                let op = if self.rng.chance(50) {
                    Opcode::GuardTrue
                } else {
                    Opcode::GuardFalse
                };
                let condition = if self.rng.chance(70) {
                    let c = self
                        .push(
                            if op == Opcode::GuardTrue {
                                Opcode::IntNe
                            } else {
                                Opcode::IntEq
                            },
                            &[a, Operand::Int(12345)],
                            None,
                        )
                        .unwrap();
                    self.ints.push(c);
                    c
                } else {
                    a
                };
                self.push(op, &[condition], None);
            }
            11 => {
                let p = self.push(Opcode::New, &[], Some(holder)).unwrap();
                let (count, ratio) = (self.int_operand(), self.float_operand());
                self.push(Opcode::SetfieldGc, &[p, count], Some(field(0)));
                self.push(Opcode::SetfieldGc, &[p, ratio], Some(field(2)));
                if let Some(&other) = self.holders.last() {
                    self.push(Opcode::SetfieldGc, &[p, other], Some(field(3)));
                }
                self.holders.push(p);
            }
            12 if !self.holders.is_empty() => {
                let p = self.holders[self.rng.below(self.holders.len())];
                match self.rng.below(3) {
                    0 => {
                        let r = self
                            .push(Opcode::GetfieldGcI, &[p], Some(field(0)))
                            .unwrap();
                        self.ints.push(r);
                    }
                    1 => {
                        let value = self.int_operand();
                        self.push(Opcode::SetfieldGc, &[p, value], Some(field(1)));
                        let r = self
                            .push(Opcode::GetfieldGcI, &[p], Some(field(1)))
                            .unwrap();
                        self.ints.push(r);
                    }
                    _ => {
                        let r = self
                            .push(Opcode::GetfieldGcF, &[p], Some(field(2)))
                            .unwrap();
                        self.floats.push(r);
                    }
                }
            }
            13 => {
                let a = self
                    .push(Opcode::NewArray, &[Operand::Int(8)], Some(array))
                    .unwrap();
                self.arrays.push(a);
            }
            15 => self.call(),
            14 if !self.arrays.is_empty() => {
                let a = self.arrays[self.rng.below(self.arrays.len())];
                let raw = self.int_operand();
                let index = self
                    .push(Opcode::IntAnd, &[raw, Operand::Int(7)], None)
                    .unwrap();
                if self.rng.chance(50) {
                    let value = self.int_operand();
                    self.push(Opcode::SetarrayitemGc, &[a, index, value], Some(array));
                } else {
                    let r = self
                        .push(Opcode::GetarrayitemGcI, &[a, index], Some(array))
                        .unwrap();
                    self.ints.push(r);
                }
            }
            _ => {
                let a = self.int_operand();
                let r = self.push(Opcode::SameAsI, &[a], None).unwrap();
                self.ints.push(r);
            }
        }
    }
}

/// A random loop (counter in input 0).
pub(super) fn random_loop<'a>(arena: &'a Bump, seed: u64) -> (Trace<'a>, Vec<Scalar>) {
    random_trace_shaped(arena, seed, Some(true))
}

/// A random trace: a loop (counter in input 0) or straight-line code ending in `finish`.
pub(super) fn random_trace<'a>(arena: &'a Bump, seed: u64) -> (Trace<'a>, Vec<Scalar>) {
    random_trace_shaped(arena, seed, None)
}

pub(super) fn random_trace_shaped<'a>(
    arena: &'a Bump,
    seed: u64,
    force_loop: Option<bool>,
) -> (Trace<'a>, Vec<Scalar>) {
    let mut rng = Rng(seed);
    let int_inputs = 1 + rng.below(4);
    let float_inputs = rng.below(3);
    let mut types = vec![Type::Int; int_inputs];
    types.extend(std::iter::repeat_n(Type::Float, float_inputs));
    let mut inputs: Vec<Scalar> = Vec::new();
    let is_loop = force_loop.unwrap_or_else(|| rng.chance(60));
    inputs.push(Scalar::Int(if is_loop {
        1 + rng.below(40) as i64
    } else {
        rng.int()
    }));
    for _ in 1..int_inputs {
        inputs.push(Scalar::Int(rng.int()));
    }
    for _ in 0..float_inputs {
        inputs.push(Scalar::Float(rng.float()));
    }
    let mut trace = Trace::new(arena, &types);
    let input_operands: Vec<Operand> = (0..types.len()).map(|i| trace.input(i)).collect();
    if is_loop {
        trace
            .push(Opcode::Label, &input_operands, None, &[])
            .unwrap();
    }
    let operation_count = 1 + rng.below(40);
    let mut generator = Generator {
        rng,
        trace: &mut trace,
        ints: input_operands[1..int_inputs].to_vec(),
        floats: input_operands[int_inputs..].to_vec(),
        holders: Vec::new(),
        arrays: Vec::new(),
        counter: is_loop.then_some(input_operands[0]),
    };
    for _ in 0..operation_count {
        generator.operation();
    }
    if is_loop {
        let counter = generator
            .push(Opcode::IntSub, &[input_operands[0], Operand::Int(1)], None)
            .unwrap();
        let more = generator
            .push(Opcode::IntGt, &[counter, Operand::Int(0)], None)
            .unwrap();
        generator.push(Opcode::GuardTrue, &[more], None);
        let mut jump_args = vec![counter];
        for _ in 1..int_inputs {
            let value = generator.int_operand();
            jump_args.push(value);
        }
        for _ in 0..float_inputs {
            let value = generator.float_operand();
            jump_args.push(value);
        }
        generator.push(Opcode::Jump, &jump_args, None);
    } else {
        let mut results = Vec::new();
        for pool in [&generator.ints, &generator.floats, &generator.holders] {
            results.extend(pool.iter().rev().take(3).copied());
        }
        generator.push(Opcode::Finish, &results, None);
    }
    (trace, inputs)
}
