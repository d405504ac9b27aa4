# except* and ExceptionGroup
def show(eg, indent=0):
    pad = " " * indent
    if isinstance(eg, BaseExceptionGroup):
        print(f"{pad}{type(eg).__name__}({eg.message!r}) with {len(eg.exceptions)}")
        for e in eg.exceptions:
            show(e, indent + 2)
    else:
        print(f"{pad}{type(eg).__name__}({eg})")
eg = ExceptionGroup("many", [ValueError("v1"), TypeError("t1"), ValueError("v2"), ExceptionGroup("nested", [KeyError("k"), ValueError("v3")])])
show(eg)
try:
    raise eg
except* ValueError as group:
    print("ValueErrors:")
    show(group, 2)
except* TypeError as group:
    print("TypeErrors:")
    show(group, 2)
except* KeyError as group:
    print("KeyErrors:")
    show(group, 2)
try:
    try:
        raise ExceptionGroup("partial", [ValueError("a"), OSError("b")])
    except* ValueError:
        print("handled ValueError part")
except ExceptionGroup as rest:
    print("unhandled remainder:")
    show(rest, 2)
try:
    raise ValueError("naked")
except* ValueError as g:
    print("naked exception wrapped:", type(g).__name__, repr(g.exceptions))
match_, rest = eg.split(ValueError)
show(match_)
show(rest)
print(eg.subgroup(lambda e: isinstance(e, KeyError)).exceptions[0].exceptions, eg.subgroup(IndexError))
try:
    ExceptionGroup("bad", [])
except ValueError as e:
    print(type(e).__name__, e)
try:
    ExceptionGroup("bad", [1])
except ValueError as e:
    print(type(e).__name__, e)
bg = BaseExceptionGroup("base", [KeyboardInterrupt()])
print(type(bg).__name__, type(BaseExceptionGroup("x", [ValueError()])).__name__)
print(str(eg), repr(ExceptionGroup("m", [ValueError(1)])))
d = eg.derive([IndexError("i")])
print(type(d).__name__, d.message, d.exceptions)
