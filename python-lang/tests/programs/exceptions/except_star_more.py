# except* details: handlers run once per type, re-raise, raising new exceptions
def run(eg):
    try:
        raise eg
    except* (ValueError, TypeError) as g:
        print("value/type handler got", [repr(e) for e in g.exceptions])
    except* ZeroDivisionError:
        print("zde handler")
run(ExceptionGroup("g", [ValueError(1), TypeError(2), ZeroDivisionError(3)]))
try:
    try:
        raise ExceptionGroup("g", [ValueError("a"), KeyError("b")])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("re-raised remainder", repr(e.message), sorted(type(x).__name__ for x in e.exceptions))
try:
    try:
        raise ExceptionGroup("g", [ValueError("a")])
    except* ValueError:
        raise RuntimeError("new from handler")
except (ExceptionGroup, RuntimeError) as e:
    print("new exception from handler:", repr(e), repr(e.__context__))
try:
    try:
        raise ExceptionGroup("g", [ValueError("a"), TypeError("b")])
    except* ValueError:
        raise RuntimeError("from value handler")
    except* TypeError:
        raise KeyError("from type handler")
except ExceptionGroup as e:
    print("two new exceptions:", type(e).__name__, repr(e.message), [repr(x) for x in e.exceptions])
try:
    raise ExceptionGroup("only keys", [KeyError(1)])
except* ValueError:
    print("not run")
except* KeyError as g:
    print("keys", g.exceptions)
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "!", excs)
try:
    raise MyGroup("custom", [ValueError(1), TypeError(2)])
except* ValueError as g:
    print(type(g).__name__, g.message)
except* TypeError as g:
    print(type(g).__name__, g.message)
