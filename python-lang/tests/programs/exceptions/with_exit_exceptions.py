# Exceptions raised in __exit__ replace the body's exception, which becomes __context__
class Bad:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise RuntimeError(f"exit saw {et.__name__ if et else None}")
try:
    with Bad():
        raise ValueError("body")
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))
try:
    with Bad():
        pass
except RuntimeError as e:
    print(repr(e), "context:", repr(e.__context__))
class Translating:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is KeyError:
            raise LookupError("translated") from ev
        return False
try:
    with Translating():
        {}["x"]
except LookupError as e:
    print(repr(e), "cause:", repr(e.__cause__))
class ExitReturnsNone:
    def __enter__(self):
        return "value"
    def __exit__(self, *a):
        pass
def gen_with():
    with ExitReturnsNone() as v:
        return v
print(gen_with())
class Counting:
    count = 0
    def __enter__(self):
        Counting.count += 1
        return Counting.count
    def __exit__(self, et, ev, tb):
        print("exit with", et.__name__ if et else None)
        return et is StopIteration
with Counting() as n:
    raise StopIteration
print("count", n)
