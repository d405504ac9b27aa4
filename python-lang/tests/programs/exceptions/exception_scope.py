# The `as` name is deleted after the except block; sys.exc_info inside/outside handlers
import sys
try:
    raise ValueError("scoped")
except ValueError as err:
    inside = err
print("err" in dir(), repr(inside))
def f():
    err = "preexisting"
    try:
        raise KeyError
    except KeyError as err:
        pass
    try:
        return err
    except UnboundLocalError as e:
        return f"UnboundLocalError: {e}"
print(f())
print(sys.exc_info())
try:
    raise TypeError("current")
except TypeError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None, sys.exception() is v if hasattr(sys, "exception") else "n/a")
    try:
        raise IndexError("nested")
    except IndexError:
        print(sys.exc_info()[0].__name__)
    print("restored", sys.exc_info()[0].__name__)
print(sys.exc_info() == (None, None, None))
def handler_calls():
    return sys.exc_info()[0]
try:
    1 / 0
except ZeroDivisionError:
    print("callee sees", handler_calls().__name__)
