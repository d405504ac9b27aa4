# A main program importing a sibling module and a package with relative imports
import helper
import pkg
import pkg.sub
from pkg.inner import deep
from pkg.inner.deep import deep_value as dv
print("main: __name__ =", __name__)
print(helper.greet("world"), helper.COUNT)
print(pkg.PKG_NAME, pkg.sub.sub_func(), deep.deep_func(), dv)
print(pkg.from_sub, pkg.inner.deep is deep)
print(type(pkg).__name__, pkg.__name__, pkg.sub.__name__, deep.__name__, deep.__package__, pkg.__package__, helper.__package__)
print(hasattr(pkg, "__path__"), hasattr(helper, "__path__"), helper.__file__.endswith("helper.py"), pkg.__file__.endswith("__init__.py"))
print(sorted(k for k in vars(helper) if not k.startswith("__")))
if __name__ == "__main__":
    print("running as main")
