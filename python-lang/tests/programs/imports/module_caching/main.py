# Modules execute once; sys.modules caching; import binds names; deleting from sys.modules forces re-import
import sys
print("counter" in sys.modules)
import counter
import counter as c2
from counter import value, bump
print(counter is c2, counter.executions, value)
bump()
bump()
print(counter.value, value, "from-import copies the binding")
import counter
print(counter.value, counter is sys.modules["counter"])
saved = sys.modules.pop("counter")
import counter as fresh
print(fresh is saved, fresh.value, saved.value, fresh.executions)
sys.modules["fake_module"] = "not even a module"
import fake_module
print(fake_module)
del sys.modules["fake_module"]
def lazy():
    import counter
    return counter.value
print(lazy())
print(type(sys.modules["sys"]).__name__, sys.modules["__main__"].__name__, "__main__" in sys.modules)
