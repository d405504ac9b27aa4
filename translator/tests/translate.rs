//! The translator on small sources: what it makes of the subset, and the errors it gives
//! for what is outside it (each with file, line, column and a suggestion).

use ferrite_translator::{Output, ResidualReason, Role, TranslateError, Translation};

/// A portal to wrap test functions in: a loop calling `step`.
const PORTAL: &str = r#"
jit_driver!(pub D: greens(pc), reds(n));

#[portal]
pub fn main_loop(mut pc: i64, mut n: i64) -> i64 {
    loop {
        jit_merge_point!(D, greens(pc), reds(n));
        if n == 0 {
            return pc;
        }
        n = step(n);
        pc += 1;
    }
}
"#;

fn translate(source: &str) -> Result<Output, TranslateError> {
    let directory =
        std::env::temp_dir().join(format!("ferrite-translate-test-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    // One file per source, so parallel tests do not overwrite each other's.
    let name = format!(
        "m{:x}.rs",
        source
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64))
    );
    let path = directory.join(name);
    std::fs::write(&path, source).unwrap();
    Translation::new()
        .module("crate::m", &path)
        .crate_name("t")
        .translate()
}

fn error_of(source: &str) -> TranslateError {
    match translate(source) {
        Ok(output) => panic!("expected an error, got jitcode:\n{}", output.jitcode()),
        Err(error) => error,
    }
}

/// The 1-based line of the first occurrence of `needle` in `source`.
fn line_of(source: &str, needle: &str) -> usize {
    source
        .lines()
        .position(|l| l.contains(needle))
        .expect("needle")
        + 1
}

#[test]
fn narrow_arithmetic_masks_and_sign_extends() {
    let source = format!("{PORTAL}\nfn step(n: i64) -> i64 {{ let a = n as u8; let b = a.wrapping_add(200); let c = (n as i8).wrapping_mul(3); n - 1 + b as i64 + c as i64 }}");
    let output = translate(&source).unwrap();
    let step = &output
        .jitcodes
        .iter()
        .find(|(name, _)| name == "step")
        .unwrap()
        .1;
    assert!(step.contains("int_and"), "{step}");
    assert!(step.contains("$255"), "{step}");
    assert!(
        step.contains("int_lshift") && step.contains("$56"),
        "{step}"
    );
    assert_eq!(output.plan.role("step"), Some(Role::Traced));
    assert_eq!(output.plan.role("main_loop"), Some(Role::Portal));
    // The portal's jitcode inlines step.
    assert!(
        output.jitcodes[0]
            .1
            .contains("inline_call_i <jitcode step>"),
        "{}",
        output.jitcodes[0].1
    );
}

#[test]
fn the_policy_makes_loops_hints_and_recursion_residual() {
    let source = format!(
        "{PORTAL}
fn step(n: i64) -> i64 {{ looping(n) + hinted(n) + recursive(n) + unrolled(n) }}
pub fn looping(n: i64) -> i64 {{ let mut k = 0; while k < n {{ k += 1; }} k }}
#[unroll_safe]
fn unrolled(n: i64) -> i64 {{ let mut k = 0; for i in 0..3 {{ k += i * n; }} k }}
#[dont_look_inside]
pub fn hinted(n: i64) -> i64 {{ n }}
pub fn recursive(n: i64) -> i64 {{ if n > 0 {{ recursive(n - 1) }} else {{ 0 }} }}
"
    );
    let output = translate(&source).unwrap();
    let plan = &output.plan;
    assert_eq!(
        plan.role("looping"),
        Some(Role::Residual(ResidualReason::HasLoop))
    );
    assert_eq!(
        plan.role("hinted"),
        Some(Role::Residual(ResidualReason::DontLookInside))
    );
    assert_eq!(
        plan.role("recursive"),
        Some(Role::Residual(ResidualReason::Recursive))
    );
    assert_eq!(plan.role("unrolled"), Some(Role::Traced));
    assert!(output.rust.contains("\"t::looping\""), "{}", output.rust);
    assert!(output.rust.contains("crate::m::hinted("), "{}", output.rust);
}

#[test]
fn flow_graphs_print_as_text_and_dot() {
    let source =
        format!("{PORTAL}\nfn step(n: i64) -> i64 {{ if n > 5 {{ n - 2 }} else {{ n - 1 }} }}");
    let output = translate(&source).unwrap();
    let graph = output.plan.graph("step").unwrap();
    let text = graph.to_text();
    assert!(text.starts_with("graph step(n_0: i64) -> i64"), "{text}");
    assert!(text.contains("if v"), "{text}");
    let dot = graph.to_dot();
    assert!(dot.starts_with("digraph \"step\""), "{dot}");
    assert!(
        dot.contains("label=\"true\"") && dot.contains("label=\"false\""),
        "{dot}"
    );
}

#[test]
fn outside_the_subset_is_an_error_at_its_place() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "let f = |x: i64| x + 1; f(n)",
            "|x: i64|",
            "a closure is outside the traceable subset",
        ),
        (
            "println!(\"{}\", n); n - 1",
            "println!",
            "the macro `println!` is outside the traceable subset",
        ),
        (
            "std::cmp::max(n, 1) - 1",
            "std::cmp::max",
            "not a function of the translated modules",
        ),
        (
            "let v = [1, 2]; n - 1",
            "[1, 2]",
            "an array literal is outside the traceable subset",
        ),
        (
            "let s: String = String::new(); n - 1",
            "String",
            "the type `String` is outside the traceable subset",
        ),
    ];
    for (body, needle, message) in cases {
        let source = format!("{PORTAL}\nfn step(n: i64) -> i64 {{\n    {body}\n}}\n");
        let error = error_of(&source);
        assert!(error.message.contains(message), "{body}: {error}");
        assert_eq!(error.line, line_of(&source, needle), "{body}: {error}");
        let column = source
            .lines()
            .nth(error.line - 1)
            .unwrap()
            .find(needle)
            .unwrap()
            + 1;
        assert!(error.column <= column, "{body}: {error}");
        assert!(error.suggestion.is_some(), "{body}: {error}");
        assert!(error.to_string().contains(".rs:"), "{error}");
    }
}

#[test]
fn a_result_must_be_matched_propagated_or_returned() {
    let source = format!(
        "{PORTAL}
#[gc_object]
pub struct E {{ pub code: i64 }}
fn fallible(n: i64) -> Result<i64, Gc<E>> {{ Ok(n) }}
fn step(n: i64) -> i64 {{
    let r = fallible(n);
    n - 1
}}
"
    );
    let error = error_of(&source);
    assert!(error.message.contains("must be used with `?`"), "{error}");
    assert_eq!(error.line, line_of(&source, "let r = fallible"));
}

#[test]
fn only_greens_and_reds_may_be_live_at_the_merge_point() {
    let source = r#"
jit_driver!(pub D: greens(pc), reds(n));

#[portal]
pub fn main_loop(mut pc: i64, mut n: i64) -> i64 {
    let extra = n * 2;
    loop {
        jit_merge_point!(D, greens(pc), reds(n));
        if n == 0 {
            return pc + extra;
        }
        n -= 1;
    }
}
"#;
    let error = error_of(source);
    assert!(
        error.message.contains("neither greens nor reds: extra"),
        "{error}"
    );
}

#[test]
fn can_enter_jit_must_jump_back_to_the_merge_point() {
    let source = r#"
jit_driver!(pub D: greens(pc), reds(n));

#[portal]
pub fn main_loop(mut pc: i64, mut n: i64) -> i64 {
    loop {
        jit_merge_point!(D, greens(pc), reds(n));
        if n == 0 {
            return pc;
        }
        can_enter_jit!(D, greens(pc), reds(n));
        n -= 1;
    }
}
"#;
    let error = error_of(source);
    assert!(
        error
            .message
            .contains("not followed directly by the jump back"),
        "{error}"
    );
}

#[test]
fn driver_hints_name_the_driver_s_greens_and_reds_in_order() {
    let source = PORTAL.replace(
        "jit_merge_point!(D, greens(pc), reds(n))",
        "jit_merge_point!(D, greens(n), reds(pc))",
    ) + "\nfn step(n: i64) -> i64 { n - 1 }";
    let error = error_of(&source);
    assert!(error.message.contains("greens(pc), reds(n)"), "{error}");
}

#[test]
fn residual_functions_must_be_nameable_from_the_crate_root() {
    let source = format!("{PORTAL}\nfn step(n: i64) -> i64 {{ helper(n) }}\n#[dont_look_inside]\nfn helper(n: i64) -> i64 {{ n - 1 }}");
    let error = error_of(&source);
    assert!(error.message.contains("private to its module"), "{error}");
    assert_eq!(error.suggestion.as_deref(), Some("make it `pub(crate)`"));
}

#[test]
fn a_translation_needs_a_portal() {
    let error = error_of("fn lonely(n: i64) -> i64 { n }");
    assert!(error.message.contains("no #[ferrite::portal]"), "{error}");
}

#[test]
fn traced_code_allocates_objects_with_non_nullable_references() {
    // `new` zero-fills and the field stores follow at once, so the null never escapes.
    let source = format!(
        "{PORTAL}
#[gc_object]
pub struct Leaf {{ pub value: i64 }}
#[gc_object]
pub struct Holder {{ pub count: i64, pub leaf: Gc<Leaf> }}
fn step(n: i64) -> i64 {{
    let leaf = Gc::new(Leaf {{ value: n }}).expect(\"heap\");
    let holder = Gc::new(Holder {{ count: 1, leaf }}).expect(\"heap\");
    holder.count() + holder.leaf().value() - 2
}}
"
    );
    let output = translate(&source).unwrap();
    let jitcode = output.jitcode();
    let position = |needle: &str| {
        jitcode
            .find(needle)
            .unwrap_or_else(|| panic!("no `{needle}` in\n{jitcode}"))
    };
    assert!(
        position("<size Holder>") < position("<field Holder.leaf>"),
        "{jitcode}"
    );
}

#[test]
fn a_match_on_an_option_may_return_ok_or_err_from_its_arms() {
    let source = format!(
        "{PORTAL}
#[gc_object]
pub struct E {{ pub code: i64 }}
fn pick(e: Option<Gc<E>>, n: i64) -> Result<i64, Gc<E>> {{
    match e {{
        Some(e) => Err(e),
        None => Ok(n),
    }}
}}
fn step(n: i64) -> i64 {{
    match pick(None, n) {{
        Ok(v) => v - 1,
        Err(e) => e.code(),
    }}
}}
"
    );
    let output = translate(&source).unwrap();
    assert!(output.jitcode().contains("raise"), "{}", output.jitcode());
    // Still only as the function's value: not stored.
    let stored = source
        .replace("    match e {", "    let r = match e {")
        .replace(
            "        None => Ok(n),\n    }",
            "        None => Ok(n),\n    };\n    r",
        );
    let error = error_of(&stored);
    assert!(error.message.contains("must be used with `?`"), "{error}");
}

/// Residual functions of every kind, for the effect analysis tests; `{callback}` is the body
/// of a `Display` impl (a foreign trait, so code outside the crate may call it).
const RESIDUALS: &str = r#"
#[gc_object]
pub struct Node { pub value: i64, pub next: Option<Gc<Node>> }
#[gc_object]
pub struct Other { pub value: i64, pub cells: Option<Gc<Array<u8>>> }
struct Shown(Gc<Node>);
impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        CALLBACK
        write!(f, "node")
    }
}
fn step(n: i64) -> i64 {
    setter(None); fill(None); getter_array(None); fresh(n); indirect(None); shown(None);
    raw(None); recursive(n); pure_std(n); dynamic(None); ignored(n); shadowed(None, None);
    n - 1
}
#[dont_look_inside]
pub fn setter(n: Option<Gc<Node>>) { if let Some(n) = n { n.set_value(3) } }
#[dont_look_inside]
pub fn fill(a: Option<Gc<Array<i64>>>) { if let Some(a) = a { a.set(0, 1) } }
#[dont_look_inside]
pub fn getter_array(o: Option<Gc<Other>>) { if let Some(o) = o { o.cells().unwrap().set(0, 1) } }
#[dont_look_inside]
pub fn fresh(n: i64) -> i64 {
    let a = Array::new(4, 0i64).expect("heap");
    a.set(0, n);
    a.get(0)
}
#[dont_look_inside]
pub fn indirect(n: Option<Gc<Node>>) { helper(n) }
fn helper(n: Option<Gc<Node>>) { if let Some(n) = n { n.set_next(None) } }
#[dont_look_inside]
pub fn shown(n: Option<Gc<Node>>) { if let Some(n) = n { println!("{}", Shown(n)) } }
#[dont_look_inside]
pub fn raw(n: Option<Gc<Node>>) { if let Some(n) = n { unsafe { std::ptr::read(&n); } } }
#[dont_look_inside]
pub fn recursive(n: i64) -> i64 { if n > 0 { recursive(n - 1) } else { 0 } }
#[dont_look_inside]
pub fn pure_std(n: i64) -> i64 { let v = vec![n; 3]; v.iter().sum() }
#[dont_look_inside]
pub fn dynamic(r: Option<GcRef>) { if let Some(r) = r { r.store_element(0, Scalar::Int(0)).ok(); } }
#[elidable]
pub fn ignored(n: i64) -> i64 { n }
#[dont_look_inside]
pub fn shadowed(a: Option<Gc<Array<i64>>>, b: Option<Gc<Array<u8>>>) {
    let a = b;
    if let Some(a) = a { a.set(0, 1) }
}
"#;

#[test]
fn residual_calls_write_only_what_their_bodies_can_reach() {
    let source = format!("{PORTAL}{}", RESIDUALS.replace("CALLBACK", ""));
    let output = translate(&source).unwrap();
    let writes = |key: &str| output.plan.writes[key].describe();
    // A setter writes that field of every struct that has one (the receiver's type is not
    // known in plain Rust).
    assert_eq!(writes("setter"), "writes Node.value, Other.value");
    assert_eq!(writes("fill"), "writes Array<i64>");
    assert_eq!(writes("getter_array"), "writes Array<u8>");
    assert_eq!(writes("fresh"), "writes nothing");
    assert_eq!(writes("indirect"), "writes Node.next");
    assert_eq!(writes("shown"), "writes nothing");
    assert_eq!(writes("raw"), "writes anything");
    assert_eq!(writes("recursive"), "writes nothing");
    assert_eq!(writes("pure_std"), "writes nothing");
    assert_eq!(writes("dynamic"), "writes anything");
    assert_eq!(writes("ignored"), "writes nothing");
    // `a` is bound twice, so its stated type is not trusted: every array type.
    assert_eq!(
        writes("shadowed").matches("Array<").count(),
        11,
        "{}",
        writes("shadowed")
    );
    assert_eq!(writes("main_loop"), "writes anything");
    assert!(
        output
            .rust
            .contains("writes: __f::Writes::Only(&[\"Node.value\", \"Other.value\"])"),
        "{}",
        output.rust
    );
}

#[test]
fn calls_outside_the_crate_may_call_back_into_impls_of_foreign_traits() {
    let source = format!(
        "{PORTAL}{}",
        RESIDUALS.replace("CALLBACK", "self.0.set_next(None);")
    );
    let output = translate(&source).unwrap();
    let writes = |key: &str| output.plan.writes[key].describe();
    // `println!` may format a `Shown`; so may anything else called outside the crate.
    assert_eq!(writes("shown"), "writes Node.next");
    assert_eq!(writes("pure_std"), "writes Node.next");
    assert_eq!(writes("fill"), "writes Array<i64>");
    assert_eq!(writes("recursive"), "writes nothing");
}

#[test]
fn class_hints_name_gc_structs() {
    let source = format!(
        "{PORTAL}
#[gc_object]
pub struct Leaf {{ pub value: i64 }}
fn step(n: i64) -> i64 {{
    let r = Gc::new(Leaf {{ value: n }}).expect(\"heap\").erase();
    record_exact_class::<Leaf>(r);
    match r.downcast::<Leaf>() {{
        Some(leaf) => leaf.value() - 1,
        None => 0,
    }}
}}
"
    );
    let jitcode = translate(&source).unwrap().jitcode();
    assert!(jitcode.contains("record_exact_class %r"), "{jitcode}");
    assert!(jitcode.contains("$class:Leaf"), "{jitcode}");
    assert!(jitcode.contains("guard_class %r"), "{jitcode}");
    let error = error_of(&source.replace("record_exact_class::<Leaf>", "record_exact_class::<u8>"));
    assert!(error.message.contains("#[gc_object] struct"), "{error}");
    assert_eq!(error.line, line_of(&source, "record_exact_class"));
    let error = error_of(&source.replace("r.downcast::<Leaf>()", "r.cast::<Leaf>()"));
    assert!(error.message.contains("turbofish"), "{error}");
    assert!(error.suggestion.unwrap().contains("downcast"));
}

#[test]
fn a_virtualizable_red_is_named_in_the_merge_point() {
    let source = r#"
#[gc_object]
pub struct Frame {
    #[virtualizable]
    pub acc: i64,
    pub other: i64,
}

#[gc_object]
pub struct Plain {
    pub acc: i64,
}

jit_driver!(pub D: greens(pc), reds(n, frame), virtualizable(frame));

#[portal]
pub fn main_loop(mut pc: i64, mut n: i64, mut frame: Gc<Frame>) -> i64 {
    loop {
        jit_merge_point!(D, greens(pc), reds(n, frame));
        if n == 0 {
            return frame.acc();
        }
        frame.set_acc(frame.acc() + n);
        n -= 1;
        pc += 1;
    }
}
"#;
    let output = translate(source).unwrap();
    let portal = &output.jitcodes[0].1;
    // `frame` is the first (only) reference red.
    assert!(
        portal.contains("jit_merge_point <driver 0 virtualizable 0>"),
        "{portal}"
    );
    let error = error_of(&source.replace("virtualizable(frame)", "virtualizable(pc)"));
    assert!(
        error.message.contains("not one of the driver's reds"),
        "{error}"
    );
    assert_eq!(error.line, line_of(source, "jit_driver!"));
    let error = error_of(&source.replace("mut frame: Gc<Frame>", "mut frame: Gc<Plain>"));
    assert!(
        error.message.contains("no #[virtualizable] fields"),
        "{error}"
    );
    let error = error_of(&source.replace("virtualizable(frame)", "virtualizable(n)"));
    assert!(error.message.contains("must be a `Gc<T>`"), "{error}");
}
