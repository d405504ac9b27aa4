//! Ferrite's translator (RPython's codewriter): it reads the traceable part of an
//! interpreter's Rust source and writes its jitcode, descriptor registrations and residual
//! call trampolines as generated Rust that the interpreter's crate includes.
//!
//! The stages, one module each:
//! - [`source`]: parse the modules' files with `syn`; collect `#[gc_object]` structs,
//!   functions and their hints, constants, `jit_driver!` declarations.
//! - [`lower`] (with [`types`]): a traced function's body to a flow graph ([`flow`]),
//!   inferring the types the jitcode needs.
//! - [`policy`]: from the portals, which functions are traced and which are called
//!   residually; functions of one wave are lowered in parallel (`rayon`).
//! - [`effects`]: what each residual call may write in the GC heap.
//! - [`codegen`] (with [`regalloc`]): flow graphs to jitcode text.
//! - [`emit`]: the generated Rust.
//!
//! A `build.rs` uses [`Translation`]:
//!
//! ```no_run
//! ferrite_translator::Translation::new()
//!     .module("crate::interpreter", "src/interpreter.rs")
//!     .build_script();
//! ```
//!
//! See `docs/traceable-rust.md` for the subset and `docs/writing-an-interpreter.md` for a
//! walkthrough.

pub mod codegen;
pub mod effects;
pub mod emit;
pub mod error;
pub mod flow;
pub mod lower;
pub mod policy;
pub mod regalloc;
pub mod source;
pub mod types;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use error::TranslateError;
pub use policy::{Plan, ResidualReason, Role};
pub use source::{Items, ModuleSpec};

/// What to translate.
#[derive(Clone, Debug, Default)]
pub struct Translation {
    modules: Vec<ModuleSpec>,
    crate_name: Option<String>,
    root: Option<PathBuf>,
}

/// A finished translation.
pub struct Output {
    pub items: Items,
    pub plan: Plan,
    /// The jitcode text of each traced function, portals first.
    pub jitcodes: Vec<(String, String)>,
    /// The generated Rust file.
    pub rust: String,
    pub elapsed: Duration,
}

impl Output {
    /// The whole jitcode module's text.
    pub fn jitcode(&self) -> String {
        self.jitcodes
            .iter()
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Translation {
    pub fn new() -> Self {
        Self::default()
    }

    /// Translate the module at Rust path `rust_path` (`crate::interpreter`), in `file`
    /// (relative to the crate's root directory).
    pub fn module(mut self, rust_path: &str, file: impl AsRef<Path>) -> Self {
        self.modules.push(ModuleSpec {
            path: rust_path.to_string(),
            file: file.as_ref().to_path_buf(),
        });
        self
    }

    /// The name call targets are registered under (default: the crate's, from Cargo).
    pub fn crate_name(mut self, name: &str) -> Self {
        self.crate_name = Some(name.to_string());
        self
    }

    /// The directory module files are relative to (default: the crate's, from Cargo).
    pub fn root(mut self, root: impl AsRef<Path>) -> Self {
        self.root = Some(root.as_ref().to_path_buf());
        self
    }

    /// The crate's directory, if known.
    fn crate_root(&self) -> Option<PathBuf> {
        self.root
            .clone()
            .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
    }

    /// The files the effect analysis reads: every `.rs` file under the crate's `src/` when
    /// the translated modules are in it (residual functions may call the crate's other
    /// modules), else just the translated modules.
    fn crate_files(&self, modules: &[ModuleSpec]) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = modules.iter().map(|m| m.file.clone()).collect();
        if let Some(src) = self.crate_root().map(|root| root.join("src")) {
            if modules.iter().all(|m| m.file.starts_with(&src)) {
                let mut found = Vec::new();
                rust_files(&src, &mut found);
                found.sort();
                for file in found {
                    if !files.contains(&file) {
                        files.push(file);
                    }
                }
            }
        }
        files
    }

    fn resolved_modules(&self) -> Vec<ModuleSpec> {
        let root = self.crate_root();
        self.modules
            .iter()
            .map(|m| ModuleSpec {
                path: m.path.clone(),
                file: match &root {
                    Some(root) if m.file.is_relative() => root.join(&m.file),
                    _ => m.file.clone(),
                },
            })
            .collect()
    }

    /// Run the translation.
    pub fn translate(&self) -> Result<Output, TranslateError> {
        let start = Instant::now();
        let modules = self.resolved_modules();
        let sources = source::Sources::read(&modules)?;
        let items = Items::parse(&sources)?;
        let index = effects::CrateIndex::read(&self.crate_files(&modules));
        let plan = policy::plan(&items, &sources, &index)?;
        let crate_name = self
            .crate_name
            .clone()
            .or_else(|| std::env::var("CARGO_PKG_NAME").ok())
            .unwrap_or_else(|| "interpreter".into());
        let panics = codegen::panic_messages(&plan.graphs);
        let jitcodes = plan
            .graphs
            .par_iter()
            .map(|graph| {
                source::with_items(&sources, |items| {
                    let context = codegen::Context {
                        items,
                        plan: &plan,
                        call_prefix: &crate_name,
                        panics: &panics,
                    };
                    codegen::jitcode(graph, &context).map(|text| (graph.name.clone(), text))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let context = codegen::Context {
            items: &items,
            plan: &plan,
            call_prefix: &crate_name,
            panics: &panics,
        };
        let whole: Vec<&str> = jitcodes.iter().map(|(_, t)| t.as_str()).collect();
        let sources: Vec<String> = self
            .modules
            .iter()
            .map(|m| m.file.display().to_string())
            .collect();
        let rust = emit::generated_rust(&context, &whole.join("\n"), &sources);
        Ok(Output {
            items,
            plan,
            jitcodes,
            rust,
            elapsed: start.elapsed(),
        })
    }

    /// Run from `build.rs`: translate, write `$OUT_DIR/ferrite_jit.rs`, and tell Cargo to
    /// rerun when a source changes. A translation error is printed with its file, line and
    /// column, and fails the build.
    pub fn build_script(self) {
        for module in self.resolved_modules() {
            println!("cargo:rerun-if-changed={}", module.file.display());
        }
        let output = match self.translate() {
            Ok(output) => output,
            Err(error) => {
                eprintln!("error: {error}");
                std::process::exit(1);
            }
        };
        let out_dir =
            PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set for build scripts"));
        let path = out_dir.join("ferrite_jit.rs");
        if let Err(error) = std::fs::write(&path, &output.rust) {
            eprintln!("error: cannot write {}: {error}", path.display());
            std::process::exit(1);
        }
    }
}

/// The `.rs` files under `directory`, recursively.
fn rust_files(directory: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}
