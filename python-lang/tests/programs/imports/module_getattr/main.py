# Module-level __getattr__ and __dir__ (PEP 562) and module attribute assignment
import dynamic
print(dynamic.real_attr, dynamic.computed_foo, dynamic.computed_bar)
try:
    dynamic.other
except AttributeError as e:
    print(type(e).__name__, e)
print(dir(dynamic))
from dynamic import computed_baz
print(computed_baz)
dynamic.new_attr = "set from main"
print(dynamic.read_new())
print(getattr(dynamic, "computed_x", None), hasattr(dynamic, "other"))
import sys
mod = sys.modules["dynamic"]
print(mod is dynamic, mod.__name__, mod.__doc__)
