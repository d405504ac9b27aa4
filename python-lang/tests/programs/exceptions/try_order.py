# try/except/else/finally execution order
def run(mode):
    log = []
    try:
        log.append("try")
        if mode == "raise":
            raise ValueError("v")
        if mode == "other":
            raise KeyError("k")
        if mode == "return":
            return log + ["returned from try"]
    except ValueError as e:
        log.append(f"except {e}")
    else:
        log.append("else")
    finally:
        log.append("finally")
    log.append("after")
    return log
for mode in ["ok", "raise", "return"]:
    print(mode, run(mode))
try:
    run("other")
except KeyError as e:
    print("propagated", repr(e))
def nested():
    try:
        try:
            raise TypeError("inner")
        finally:
            print("inner finally")
    except TypeError as e:
        print("outer caught", e)
    finally:
        print("outer finally")
nested()
def exc_in_else():
    try:
        pass
    except Exception:
        print("not here")
    else:
        raise RuntimeError("from else")
    finally:
        print("finally after else raised")
try:
    exc_in_else()
except RuntimeError as e:
    print("caught", e)
for exc in [ValueError, IndexError, ZeroDivisionError, AttributeError]:
    try:
        raise exc("x")
    except (ValueError, IndexError) as e:
        print("tuple clause", type(e).__name__)
    except ArithmeticError as e:
        print("base class clause", type(e).__name__)
    except Exception as e:
        print("catch-all", type(e).__name__)
try:
    raise ValueError
except:
    print("bare except")
e = "outer e"
try:
    raise ValueError("temp")
except ValueError as e:
    pass
print("e" in dir())
