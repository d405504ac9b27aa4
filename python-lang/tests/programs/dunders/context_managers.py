# __enter__/__exit__: return values, suppression, exceptions in exit, nesting
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("suppressed")
print("after b")
try:
    with CM("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", repr(e))
with CM("outer") as o, CM("inner") as i:
    print("both", o, i)
try:
    with CM("x1"), CM("x2", suppress=True), CM("x3"):
        raise RuntimeError("boom")
    print("continued after suppression")
except RuntimeError:
    print("not reached")
def f():
    with CM("ret"):
        return "returned"
print(f())
for i in range(3):
    with CM(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("loop body", i)
class NoEnter:
    def __exit__(self, *a):
        pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return "non-empty string"
with Truthy():
    raise ZeroDivisionError
print("suppressed by truthy return")
