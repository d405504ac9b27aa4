# Modules created at runtime with type(sys), injected in sys.modules, then imported
import sys
ModuleType = type(sys)
m = ModuleType("virtual", "A module made at runtime")
m.answer = 42
def f():
    return "function in virtual module"
m.f = f
sys.modules["virtual"] = m
import virtual
from virtual import answer
print(virtual is m, answer, virtual.f(), virtual.__name__, virtual.__doc__)
print(type(virtual).__name__, repr(virtual))
exec("def g():\n    return answer * 2", virtual.__dict__)
print(virtual.g())
import real_module
print(real_module.uses_virtual())
del sys.modules["virtual"]
try:
    import virtual as again
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
