fn main() {
    ferrite_translator::Translation::new()
        .module("crate::subject", "src/subject.rs")
        .module("crate::frames", "src/frames.rs")
        .build_script();
}
