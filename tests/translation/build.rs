fn main() {
    ferrite_translator::Translation::new()
        .module("crate::subject", "src/subject.rs")
        .build_script();
}
