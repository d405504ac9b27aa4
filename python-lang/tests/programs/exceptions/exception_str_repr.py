# str() and repr() of exceptions with various args; printing caught exceptions
samples = [ValueError(), ValueError(""), ValueError("msg"), ValueError("a", "b"), ValueError(1), ValueError(None),
           ValueError(("t",)), ValueError(["l"]), KeyError(""), KeyError(0), KeyError("quote'd"), KeyError(("x", 1)),
           IndexError(), TypeError("multi\nline"), RuntimeError("é ☃"), Exception(Exception("inner"))]
for e in samples:
    print(repr(e), "|", str(e), "|", len(e.args))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), str(e) == "")
print(f"{KeyError('k')}", f"{KeyError('k')!r}", "%s" % IndexError("pct"), "{}".format(OSError(1, "x")))
