# raise from, __cause__, __context__, __suppress_context__
def show(e):
    print(repr(e), "cause=", repr(e.__cause__), "context=", repr(e.__context__), "suppress=", e.__suppress_context__)
try:
    try:
        raise KeyError("k")
    except KeyError as e:
        raise ValueError("v") from e
except ValueError as e:
    show(e)
try:
    try:
        raise KeyError("k")
    except KeyError:
        raise ValueError("implicit")
except ValueError as e:
    show(e)
try:
    try:
        raise KeyError("k")
    except KeyError:
        raise ValueError("suppressed") from None
except ValueError as e:
    show(e)
try:
    raise ValueError("direct") from TypeError("t")
except ValueError as e:
    show(e)
try:
    raise ValueError("class cause") from TypeError
except ValueError as e:
    show(e)
try:
    raise ValueError("x") from 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise int
except TypeError as e:
    print(type(e).__name__, e)
e1 = RuntimeError("manual")
e1.__cause__ = IndexError("set by hand")
print(e1.__suppress_context__, repr(e1.__cause__))
e1.__suppress_context__ = False
e1.__context__ = None
print(e1.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        try:
            {}["missing"]
        except KeyError as inner:
            raise RuntimeError("deepest") from None
except RuntimeError as e:
    print(repr(e), repr(e.__context__), repr(e.__context__.__context__), e.__suppress_context__)
def reraise():
    try:
        raise ValueError("original")
    except ValueError:
        raise
try:
    reraise()
except ValueError as e:
    print("bare raise keeps", repr(e), e.__context__)
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
