//! What CPython's `site` module adds to the builtins: `exit` and `quit`, objects that
//! say how to leave the interactive prompt when shown, and raise `SystemExit` when
//! called.

use crate::objects::{dict, str as pystr};
use crate::runtime::errors::PyResult;
use crate::runtime::names::N;
use crate::runtime::space;

const QUITTER_SOURCE: &str = "\
class Quitter:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f'Use {self.name}() or Ctrl-D (i.e. EOF) to exit'
    def __call__(self, code=None):
        raise SystemExit(code)
exit = Quitter('exit')
quit = Quitter('quit')
";

/// Put `exit` and `quit` into the builtins.
pub fn install() -> PyResult<()> {
    let namespace = dict::new_dict()?;
    dict::set_item(
        namespace,
        space::name(N::name),
        pystr::intern("_sitebuiltins")?,
    )?;
    crate::runtime::import::exec_source(QUITTER_SOURCE, "<site>", namespace)?;
    let builtins = crate::runtime::call::builtins_dict();
    for name in ["exit", "quit"] {
        let key = pystr::intern(name)?;
        let quitter = dict::get_str(namespace, key).expect("the snippet defines it");
        dict::set_item(builtins, key, quitter)?;
    }
    Ok(())
}
