# sys.exc_info() and sys.exception() inside and outside except blocks
import sys
print(sys.exc_info())
def inspect():
    t, v, tb = sys.exc_info()
    return (t.__name__ if t else None, repr(v), tb is not None)
try:
    raise ValueError("first")
except ValueError:
    print(inspect())
    print(sys.exception() is sys.exc_info()[1])
    try:
        raise KeyError("second")
    except KeyError:
        print(inspect())
    print(inspect())
print(inspect(), sys.exception())
def gen():
    try:
        raise IndexError("in gen")
    except IndexError:
        yield inspect()
        yield inspect()
g = gen()
print(next(g))
print(inspect())
try:
    raise TypeError("outer")
except TypeError:
    print(next(g))
    print(inspect())
try:
    raise RuntimeError("tb")
except RuntimeError:
    tb = sys.exc_info()[2]
    print(type(tb).__name__, tb.tb_lineno, tb.tb_next)
def finally_sees():
    try:
        raise ZeroDivisionError
    finally:
        return inspect()
print(finally_sees())
