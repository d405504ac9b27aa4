# Exceptions inside generators keep their context; generators inside try blocks
def gen():
    try:
        yield 1
        raise KeyError("in gen")
    except KeyError as e:
        yield f"handled {e!r}"
    yield 3
print(list(gen()))
def raiser():
    yield 1
    1 / 0
g = raiser()
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
def ctx():
    try:
        raise ValueError("first")
    except ValueError:
        yield "inside except"
        raise TypeError("second")
g = ctx()
print(next(g))
try:
    next(g)
except TypeError as e:
    print(repr(e), "context:", repr(e.__context__))
def outer_try():
    try:
        yield 1
    except Exception as e:
        print("gen got", type(e).__name__)
        raise
g = outer_try()
next(g)
try:
    g.throw(IndexError("thrown"))
except IndexError as e:
    print("rethrown", e)
