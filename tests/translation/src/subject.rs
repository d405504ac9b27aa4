//! Traced code covering the subset: narrow integers, casts, division, checked arithmetic,
//! floats, options, results and exceptions, loops of every kind, matches, arrays, objects,
//! methods, hints and recursion of the portal.

// The subject spells out the matches the subset supports (it has no `unwrap_or`).
#![allow(
    clippy::manual_unwrap_or,
    clippy::manual_unwrap_or_default,
    clippy::manual_range_patterns
)]

use ferrite::{
    dont_look_inside, elidable, gc_object, jit_driver, look_inside, portal, promote,
    record_exact_class, unroll_safe, we_are_jitted, Array, Gc, GcRef,
};

pub const CASES: i64 = 19;

const SCALE: i64 = 1_000;
const LIMIT: u8 = 200;

#[gc_object]
pub struct Node {
    pub value: i64,
    pub next: Option<Gc<Node>>,
}

/// A non-nullable reference field: traced code allocates it with `new` and stores the
/// field before anything can see the object.
#[gc_object]
pub struct Link {
    pub weight: i64,
    pub target: Gc<Node>,
}

/// Settings the traces read as constants: `scale` rarely changes.
#[gc_object]
pub struct Settings {
    #[quasi_immutable]
    pub scale: i64,
    pub reads: i64,
}

thread_local! {
    static SETTINGS: std::cell::RefCell<ferrite::RootVec<Option<GcRef>>> =
        std::cell::RefCell::new(ferrite::RootVec::new());
}

#[gc_object]
pub struct Failure {
    pub code: i64,
}

#[gc_object]
pub struct Counter {
    pub count: i64,
    pub flag: bool,
    pub ratio: f64,
}

pub trait CounterOps {
    fn bump(self, by: i64) -> i64;
    fn checked(self, limit: i64) -> Result<i64, Gc<Failure>>;
}

impl Counter {
    pub fn new(count: i64) -> Gc<Counter> {
        Gc::new(Counter {
            count,
            flag: false,
            ratio: 0.5,
        })
        .expect("heap")
    }
}

impl CounterOps for Gc<Counter> {
    fn bump(self, by: i64) -> i64 {
        self.set_count(self.count() + by);
        self.set_flag(!self.flag());
        self.count()
    }

    fn checked(self, limit: i64) -> Result<i64, Gc<Failure>> {
        if self.count() > limit {
            return Err(Gc::new(Failure { code: self.count() }).expect("heap"));
        }
        Ok(self.count() * 2)
    }
}

jit_driver!(pub SUBJECT: greens(case), reds(i, n, acc));

/// Run case `case` for `i` in `0..n`, mixing each result into the accumulator.
#[portal]
pub fn run(mut case: i64, n: i64) -> Result<i64, Gc<Failure>> {
    let mut i: i64 = 0;
    let mut n = n;
    let mut acc: i64 = 17;
    loop {
        jit_merge_point!(SUBJECT, greens(case), reds(i, n, acc));
        if i >= n {
            return Ok(acc);
        }
        let value = match case {
            0 => narrow(i),
            1 => casts(i),
            2 => division(i),
            3 => checked(i),
            4 => floats(i),
            5 => list_sum(i),
            6 => caught(i),
            7 => propagated(i)?,
            8 => loops(i),
            9 => patterns(i),
            10 => logic(i),
            11 => arrays(i),
            12 => methods(i),
            13 => hints(i),
            14 => recursion(i)?,
            15 => effects(i),
            16 => classes(i),
            17 => quasi(i),
            _ => shifts(i),
        };
        acc = acc.wrapping_mul(31).wrapping_add(value);
        i += 1;
        can_enter_jit!(SUBJECT, greens(case), reds(i, n, acc));
    }
}

fn narrow(i: i64) -> i64 {
    let a = i as u8;
    let b = (i * 7) as i8;
    let c: u16 = (a as u16).wrapping_mul(300);
    let d: i16 = (b as i16).wrapping_mul(-300);
    let e: u32 = (i as u32).wrapping_mul(4_000_000_000);
    let f: i32 = (i as i32).wrapping_mul(2_000_000_000);
    let g = a.wrapping_add(LIMIT).wrapping_sub(b as u8);
    let h = !a ^ (b as u8);
    a as i64 + b as i64 + c as i64 + d as i64 + e as i64 + f as i64 + g as i64 + h as i64
}

fn casts(i: i64) -> i64 {
    let big = (i - 50) * 123_456_789_012;
    let unsigned = big as u64;
    let back = (unsigned >> 3) as i64;
    let flag = i % 3 == 0;
    let x = flag as i64 + (flag as u8 as i64) * 10;
    let truncated = big as i32 as i64;
    let widened = (i as i8) as u64 as i64;
    back ^ x ^ truncated ^ widened
}

fn division(i: i64) -> i64 {
    let a = (i - 30) * 977;
    let b = i % 13 + 1;
    let unsigned = (a as u64) / (b as u64);
    let narrow = ((i as u8) / (b as u8)) as i64;
    a / b + a % b + (unsigned as i64) + narrow + (-a) % (b + 2)
}

fn checked(i: i64) -> i64 {
    let big = i64::MAX - 40 + i % 40;
    let sum = match big.checked_add(i) {
        Some(v) => v,
        None => -1,
    };
    let product = if let Some(p) = (i * 1_000_000_007).checked_mul(i * 1_000_000_007) {
        p
    } else {
        7
    };
    let difference = match (i64::MIN + 3).checked_sub(i) {
        None => 99,
        Some(d) => d,
    };
    sum.wrapping_add(product).wrapping_add(difference)
}

fn floats(i: i64) -> i64 {
    let x = i as f64 * 0.25 - 3.0;
    let y = x * x - x / 3.0 + (-x).abs();
    let z = if y > 10.0 { y - 10.0 } else { -y };
    (z * SCALE as f64) as i64 + (x >= 0.0) as i64
}

/// Build a list of i % 10 nodes and sum it (a loop: traced because of #[unroll_safe]).
#[unroll_safe]
fn list_sum(i: i64) -> i64 {
    let mut list: Option<Gc<Node>> = None;
    for k in 0..i % 10 {
        list = Some(
            Gc::new(Node {
                value: k * i,
                next: list,
            })
            .expect("heap"),
        );
    }
    let mut total = 0;
    let mut cursor = list;
    while let Some(node) = cursor {
        total += node.value();
        cursor = node.next();
    }
    let empty = list.is_none() as i64;
    total + empty
}

fn fails_on_multiples(i: i64, of: i64) -> Result<i64, Gc<Failure>> {
    if i % of == 0 {
        return Err(Gc::new(Failure { code: i }).expect("heap"));
    }
    Ok(i * 3)
}

fn caught(i: i64) -> i64 {
    let first = match fails_on_multiples(i, 4) {
        Ok(v) => v,
        Err(failure) => -failure.code(),
    };
    let second = if let Ok(v) = fails_on_multiples(i + 1, 3) {
        v
    } else {
        5
    };
    first + second
}

fn propagate_twice(i: i64) -> Result<i64, Gc<Failure>> {
    let v = fails_on_multiples(i + 1, 1000)?;
    Ok(v + fails_on_multiples(i + 2, 1000)?)
}

fn propagated(i: i64) -> Result<i64, Gc<Failure>> {
    propagate_twice(i)
}

#[unroll_safe]
fn loops(i: i64) -> i64 {
    let mut total = 0;
    for k in 0..=i % 5 {
        total += k;
    }
    for k in (0..i % 4).rev() {
        total = total * 3 + k;
    }
    let mut k = 0;
    let found = loop {
        k += 1;
        if k * k > i {
            break k;
        }
    };
    let mut skipped = 0;
    'outer: for a in 0..3 {
        for b in 0..3 {
            if b == a {
                continue 'outer;
            }
            if a + b > 3 {
                break 'outer;
            }
            skipped += a * 10 + b;
        }
    }
    let mut w = i;
    while w > 10 {
        w /= 2;
    }
    total + found * 100 + skipped * 1000 + w
}

fn patterns(i: i64) -> i64 {
    let small = match i % 20 {
        0 => 1,
        1 | 2 | 3 => 2,
        4..=9 => 3,
        x if x > 15 => x * 10,
        _ => 4,
    };
    let byte = (i % 256) as u8;
    let class = match byte {
        b'0'..=b'9' => 1,
        b'a' | b'e' | b'i' => 2,
        0 => 3,
        _ => 0,
    };
    let flag = match i % 2 == 0 {
        true => 5,
        false => 6,
    };
    small + class * 100 + flag * 1000
}

fn logic(i: i64) -> i64 {
    let counter = Counter::new(0);
    let touched = i % 3 == 0 && counter.bump(1) > 0;
    let other = i % 5 == 0 || counter.bump(10) > 5;
    counter.count() * 4 + touched as i64 * 2 + other as i64 + (!touched) as i64 * 100
}

#[look_inside]
fn arrays(i: i64) -> i64 {
    let numbers = Array::new(8, 3i64).expect("heap");
    let floats = Array::new(4, 0.0).expect("heap");
    let flags = Array::new(3, false).expect("heap");
    let nodes: Gc<Array<Option<Gc<Node>>>> = Array::new(2, None).expect("heap");
    numbers.set((i % 8) as usize, i);
    floats.set(1, i as f64 / 4.0);
    flags.set(2, i % 2 == 1);
    nodes.set(
        1,
        Some(
            Gc::new(Node {
                value: 7,
                next: None,
            })
            .expect("heap"),
        ),
    );
    let mut total = 0;
    let mut k = 0;
    while k < numbers.len() {
        total += numbers.get(k);
        k += 1;
    }
    let node_value = match nodes.get(1) {
        Some(node) => node.value(),
        None => 0,
    };
    let empty = nodes.get(0).is_none() as i64;
    total
        + (floats.get(1) * 4.0) as i64
        + flags.get(2) as i64
        + node_value
        + empty
        + numbers.is_empty() as i64
}

fn methods(i: i64) -> i64 {
    let counter = Counter::new(i);
    counter.bump(3);
    let doubled = match counter.checked(20) {
        Ok(v) => v,
        Err(failure) => failure.code() * 1000,
    };
    let ratio = (counter.ratio() * 8.0) as i64;
    doubled + ratio + counter.flag() as i64 + i.max(7) + i.min(7)
}

#[elidable]
pub fn square(x: i64) -> i64 {
    x * x
}

fn hints(i: i64) -> i64 {
    let p = promote(i % 3);
    let folded = square(12);
    let jitted = if we_are_jitted() { p } else { i % 3 };
    p + folded + jitted + square(i)
}

/// The portal, recursively: a residual call that runs it natively.
fn recursion(i: i64) -> Result<i64, Gc<Failure>> {
    if i % 7 == 0 {
        return run(0, i % 5);
    }
    Ok(i)
}

/// Residual calls between loads of the same slots: what a call may write must be read
/// again after it, what it can't write may come from the trace's heap cache.
fn effects(i: i64) -> i64 {
    let node = Gc::new(Node {
        value: i,
        next: None,
    })
    .expect("heap");
    let counter = Counter::new(i);
    let cells = Array::new(4, i).expect("heap");
    let before = node.value() + counter.count() + cells.get(1);
    let link = Gc::new(Link {
        weight: i % 5,
        target: node,
    })
    .expect("heap");
    triple_value(node, i);
    add_to_ratio(counter);
    set_second(cells, i);
    node.value()
        + counter.count()
        + (counter.ratio() * 2.0) as i64
        + cells.get(1)
        + before
        + link_sum(link)
}

/// Reads a `Link` natively (its `Gc<Node>` field must be the stored one, never null).
#[dont_look_inside]
pub fn link_sum(link: Gc<Link>) -> i64 {
    link.weight() * 1000 + link.target().value()
}

/// Writes `Node.value` only.
#[dont_look_inside]
pub fn triple_value(node: Gc<Node>, i: i64) {
    node.set_value(node.value() * 3 + i);
}

/// Writes `Counter.ratio` only.
#[dont_look_inside]
pub fn add_to_ratio(counter: Gc<Counter>) {
    counter.set_ratio(counter.ratio() + 1.5);
}

/// Writes `Array<i64>` only.
#[dont_look_inside]
pub fn set_second(cells: Gc<Array<i64>>, i: i64) {
    cells.set(1, i * 5 + 1);
}

/// Objects of different classes behind `GcRef`s: class checks (which the trace
/// specializes on) and a class promised for the result of a residual call.
fn classes(i: i64) -> i64 {
    let node = Gc::new(Node {
        value: i,
        next: None,
    })
    .expect("heap");
    let counter = Counter::new(i * 2);
    let items: Gc<Array<Option<GcRef>>> = Array::new(2, None).expect("heap");
    items.set(0, Some(node.erase()));
    items.set(1, Some(counter.erase()));
    let picked = items.get((i % 2) as usize).expect("both are set");
    let made = make_node(i);
    record_exact_class::<Node>(made);
    class_value(picked) + class_value(made) * 3 + class_value(made)
}

fn class_value(object: GcRef) -> i64 {
    if let Some(node) = object.downcast::<Node>() {
        node.value()
    } else if object.is::<Counter>() {
        match object.downcast::<Counter>() {
            Some(counter) => counter.count() * 10,
            None => -1,
        }
    } else {
        -2
    }
}

#[dont_look_inside]
pub fn make_node(i: i64) -> GcRef {
    Gc::new(Node {
        value: i * 7,
        next: None,
    })
    .expect("heap")
    .erase()
}

/// A quasi-immutable field of a constant object (`settings()` folds while tracing): the
/// trace uses its value as a constant, and must leave when the field is written, natively
/// (`grow_scale`) or by traced code (`set_scale`).
fn quasi(i: i64) -> i64 {
    if i == 0 {
        reset_settings();
    }
    let settings = settings();
    let scale = settings.scale();
    settings.set_reads(settings.reads() + 1);
    if i % 10 == 9 {
        grow_scale(settings);
    }
    if i % 25 == 24 {
        settings.set_scale(settings.scale() * 2);
    }
    scale * i + settings.scale() * 1000 + settings.reads()
}

/// The one `Settings` object of this thread.
#[elidable]
pub fn settings() -> Gc<Settings> {
    SETTINGS.with(|cell| {
        let roots = cell.borrow_mut();
        if roots.is_empty() {
            let made = Gc::new(Settings { scale: 1, reads: 0 }).expect("heap");
            roots.push(Some(made.erase()));
        }
        roots
            .get(0)
            .and_then(|r| r.downcast::<Settings>())
            .expect("settings")
    })
}

#[dont_look_inside]
pub fn reset_settings() {
    settings().set_scale(1);
    settings().set_reads(0);
}

#[dont_look_inside]
pub fn grow_scale(settings: Gc<Settings>) {
    settings.set_scale(settings.scale() + 1);
}

fn shifts(i: i64) -> i64 {
    let amount = i % 70;
    let a = i.wrapping_shl(amount as u32) ^ (-i >> (amount % 64));
    let b = ((i as u64) >> (amount % 64)) as i64;
    let c = (i as u8) << (amount % 8);
    let d = (i as i16) >> (amount % 16);
    let e = (i as u32).wrapping_shl(amount as u32);
    a ^ b ^ c as i64 ^ d as i64 ^ e as i64
}
