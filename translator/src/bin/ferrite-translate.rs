//! `ferrite-translate`: look at what the translator makes of an interpreter crate.
//!
//! ```text
//! ferrite-translate [--crate DIR] [--module PATH=FILE]... list
//! ferrite-translate [--crate DIR] jitcode FUNCTION
//! ferrite-translate [--crate DIR] graph FUNCTION [--dot]
//! ferrite-translate [--crate DIR] rust
//! ```
//!
//! Without `--module`, the modules are read from the crate's `build.rs`
//! (`.module("crate::interpreter", "src/interpreter.rs")` calls).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ferrite_translator::{Role, Translation};
use syn::visit::Visit;

#[derive(Parser)]
#[command(
    name = "ferrite-translate",
    about = "Inspect the translation of a Ferrite interpreter"
)]
struct Arguments {
    /// The interpreter's crate directory.
    #[arg(long = "crate", default_value = ".")]
    crate_dir: PathBuf,
    /// A module to translate, as RUST_PATH=FILE (default: those build.rs names).
    #[arg(long = "module", value_name = "PATH=FILE")]
    modules: Vec<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the functions traced code reaches: portals, traced (inlined) and residual ones.
    List,
    /// Print a traced function's jitcode.
    Jitcode { function: String },
    /// Print a traced function's flow graph.
    Graph {
        function: String,
        /// As Graphviz dot (`| dot -Tsvg > graph.svg`).
        #[arg(long)]
        dot: bool,
    },
    /// Print the generated Rust that the crate includes.
    Rust,
}

/// The `.module("path", "file")` calls of a build script.
fn modules_of_build_script(path: &Path) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    struct Finder(Vec<(String, String)>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if call.method == "module" && call.args.len() == 2 {
                let literal = |e: &syn::Expr| match e {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                };
                if let (Some(path), Some(file)) = (literal(&call.args[0]), literal(&call.args[1])) {
                    self.0.push((path, file));
                }
            }
            syn::visit::visit_expr_method_call(self, call);
        }
    }
    let mut finder = Finder(Vec::new());
    finder.visit_file(&file);
    Ok(finder.0)
}

fn run(arguments: Arguments) -> Result<(), String> {
    let modules: Vec<(String, String)> = if arguments.modules.is_empty() {
        modules_of_build_script(&arguments.crate_dir.join("build.rs"))?
    } else {
        arguments
            .modules
            .iter()
            .map(|m| {
                m.split_once('=')
                    .map(|(p, f)| (p.to_string(), f.to_string()))
                    .ok_or(format!("expected PATH=FILE, got `{m}`"))
            })
            .collect::<Result<_, _>>()?
    };
    if modules.is_empty() {
        return Err("no modules to translate: give --module PATH=FILE, or a crate whose build.rs names them".into());
    }
    let crate_name = std::fs::read_to_string(arguments.crate_dir.join("Cargo.toml"))
        .ok()
        .and_then(|manifest| {
            manifest.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("name = ")
                    .map(|n| n.trim_matches('"').to_string())
            })
        })
        .unwrap_or_else(|| "interpreter".into());
    let mut translation = Translation::new()
        .root(&arguments.crate_dir)
        .crate_name(&crate_name);
    for (path, file) in &modules {
        translation = translation.module(path, file);
    }
    let output = translation.translate().map_err(|e| e.to_string())?;
    match arguments.command {
        Command::List => {
            for (key, role) in &output.plan.roles {
                let function = &output.items.functions[key];
                let location =
                    format!("{}:{}", function.file.display(), function.span.start().line);
                let role = match role {
                    Role::Portal => "portal".to_string(),
                    Role::Traced => "traced".to_string(),
                    Role::Residual(reason) => format!("residual: {}", reason.describe()),
                };
                let writes = output
                    .plan
                    .writes
                    .get(key)
                    .map_or(String::new(), |w| w.describe());
                println!("{key:30} {role:50} {location:24} {writes}");
            }
            eprintln!("translated in {:.1} ms", output.elapsed.as_secs_f64() * 1e3);
        }
        Command::Jitcode { function } => {
            let (_, text) = output
                .jitcodes
                .iter()
                .find(|(name, _)| *name == function)
                .ok_or_else(|| format!("`{function}` is not traced (see `list`)"))?;
            print!("{text}");
        }
        Command::Graph { function, dot } => {
            let graph = output
                .plan
                .graph(&function)
                .ok_or_else(|| format!("`{function}` is not traced (see `list`)"))?;
            print!("{}", if dot { graph.to_dot() } else { graph.to_text() });
        }
        Command::Rust => print!("{}", output.rust),
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Arguments::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("ferrite-translate: {message}");
            ExitCode::FAILURE
        }
    }
}
