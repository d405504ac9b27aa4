# Exceptions propagating through call stacks and generators, caught at various levels
def level3(x):
    if x == 0:
        raise ZeroDivisionError("level3 zero")
    return 10 / x
def level2(x):
    try:
        return level3(x)
    except TypeError:
        return "level2 handled TypeError"
def level1(x):
    try:
        return level2(x)
    except ArithmeticError as e:
        return f"level1 handled {type(e).__name__}: {e}"
print(level1(2), level1(0), level1("s"))
def cleanup_chain(n):
    try:
        if n == 0:
            raise ValueError("bottom")
        return cleanup_chain(n - 1)
    finally:
        print("unwinding", n)
try:
    cleanup_chain(3)
except ValueError as e:
    print("caught", e)
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
    except TypeError as e:
        return f"bad types: {e}"
print(safe_div(1, 2), safe_div(1, 0), safe_div("a", 2))
def exc_as_value():
    errs = []
    for f in [lambda: 1 / 0, lambda: [][1], lambda: {}["k"], lambda: int("z"), lambda: None + 1, lambda: undefined]:
        try:
            f()
        except Exception as e:
            errs.append(e)
    return errs
for e in exc_as_value():
    print(type(e).__name__, "|", e, "|", [c.__name__ for c in type(e).__mro__[:-2]])
