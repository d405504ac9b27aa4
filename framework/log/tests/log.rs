//! The log prints what is enabled, in its format, to its sink. (One process, one
//! configuration: everything is in one test.)

use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn enabled_categories_are_written_in_the_log_format() {
    let captured = Captured::default();
    assert!(ferrite_log::configure(ferrite_log::Config::new(
        " compile, guard ",
        Box::new(captured.clone())
    )));
    assert!(!ferrite_log::configure(ferrite_log::Config::new(
        "all",
        Box::new(std::io::sink())
    )));
    assert!(ferrite_log::enabled("compile") && ferrite_log::enabled("guard"));
    assert!(!ferrite_log::enabled("bridge"));
    ferrite_log::write("compile", "loop, 3 operations", "[i0]\nfinish(i0)");
    ferrite_log::log!("guard", "exit {} of trace {}", 4, 0);
    ferrite_log::log!("bridge", "not printed {}", 1);
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("[ferrite compile +") && lines[0].ends_with("s] loop, 3 operations")
    );
    assert_eq!(&lines[1..3], &["    [i0]", "    finish(i0)"]);
    assert!(lines[3].starts_with("[ferrite guard +") && lines[3].ends_with("s] exit 4 of trace 0"));
    assert!(ferrite_log::Config::new("all", Box::new(std::io::sink())).enabled("anything"));
}
