//! The Benchmarks Game's binary-trees program, on the Ferrite GC or on `Box`.
//!
//! ```text
//! cargo run --release -p ferrite-gc --example binary_trees -- 18          # GC heap
//! cargo run --release -p ferrite-gc --example binary_trees -- 18 --box    # Box, for comparison
//! ```
//!
//! Prints exactly the standard output. `--stats` adds the elapsed time, the number of
//! collections and the peak RSS on stderr.

use std::process::ExitCode;
use std::time::Instant;

use ferrite_gc::{gc_object, Gc, OutOfMemory};

const MIN_DEPTH: u32 = 4;

#[gc_object]
struct TreeNode {
    left: Option<Gc<TreeNode>>,
    right: Option<Gc<TreeNode>>,
}

/// One way of building trees: on the GC heap, or with `Box`.
trait Trees {
    type Tree;
    fn build(depth: u32) -> Result<Self::Tree, OutOfMemory>;
    fn check(tree: &Self::Tree) -> u64;
}

struct GcTrees;

impl Trees for GcTrees {
    type Tree = Gc<TreeNode>;

    fn build(depth: u32) -> Result<Gc<TreeNode>, OutOfMemory> {
        let (left, right) = if depth > 0 {
            (Some(Self::build(depth - 1)?), Some(Self::build(depth - 1)?))
        } else {
            (None, None)
        };
        Gc::new(TreeNode { left, right })
    }

    fn check(tree: &Gc<TreeNode>) -> u64 {
        let node = tree.load();
        1 + node.left.map_or(0, |t| Self::check(&t)) + node.right.map_or(0, |t| Self::check(&t))
    }
}

struct BoxNode {
    left: Option<Box<BoxNode>>,
    right: Option<Box<BoxNode>>,
}

struct BoxTrees;

impl Trees for BoxTrees {
    type Tree = Box<BoxNode>;

    fn build(depth: u32) -> Result<Box<BoxNode>, OutOfMemory> {
        let (left, right) = if depth > 0 {
            (Some(Self::build(depth - 1)?), Some(Self::build(depth - 1)?))
        } else {
            (None, None)
        };
        Ok(Box::new(BoxNode { left, right }))
    }

    fn check(tree: &Box<BoxNode>) -> u64 {
        1 + tree.left.as_ref().map_or(0, Self::check) + tree.right.as_ref().map_or(0, Self::check)
    }
}

fn run<T: Trees>(max_depth: u32) -> Result<(), OutOfMemory> {
    let stretch_depth = max_depth + 1;
    let stretch_check = T::check(&T::build(stretch_depth)?);
    println!("stretch tree of depth {stretch_depth}\t check: {stretch_check}");
    // For the GC version this local is the long-lived tree's only root: the conservative
    // stack scan keeps it alive through all the collections below.
    let long_lived_tree = T::build(max_depth)?;
    for depth in (MIN_DEPTH..=max_depth).step_by(2) {
        let iterations = 1u64 << (max_depth - depth + MIN_DEPTH);
        let mut check = 0;
        for _ in 0..iterations {
            check += T::check(&T::build(depth)?);
        }
        println!("{iterations}\t trees of depth {depth}\t check: {check}");
    }
    println!(
        "long lived tree of depth {max_depth}\t check: {}",
        T::check(&long_lived_tree)
    );
    Ok(())
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let mut depth = None;
    let mut use_box = false;
    let mut show_stats = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--box" => use_box = true,
            "--stats" => show_stats = true,
            _ => match arg.parse::<u32>() {
                Ok(n) if n <= 30 => depth = Some(n),
                _ => {
                    eprintln!("usage: binary_trees DEPTH [--box] [--stats]   (DEPTH at most 30)");
                    return ExitCode::from(2);
                }
            },
        }
    }
    let max_depth = depth.unwrap_or(10).max(MIN_DEPTH + 2);
    let start = Instant::now();
    let result = if use_box {
        run::<BoxTrees>(max_depth)
    } else {
        run::<GcTrees>(max_depth)
    };
    if let Err(error) = result {
        eprintln!("binary_trees: {error}");
        return ExitCode::FAILURE;
    }
    if show_stats {
        let elapsed = start.elapsed().as_secs_f64();
        let collections = if use_box {
            0
        } else {
            ferrite_gc::stats().collections
        };
        eprintln!(
            "{}: {elapsed:.3} s, {collections} collections, peak RSS {} MiB",
            if use_box { "Box" } else { "GC" },
            peak_rss_kib().unwrap_or(0) / 1024
        );
    }
    ExitCode::SUCCESS
}
