// Translate the interpreter's traced module to jitcode (see docs/writing-an-interpreter.md).
fn main() {
    ferrite_translator::Translation::new()
        .module("crate::interpreter", "src/interpreter.rs")
        .build_script();
}
