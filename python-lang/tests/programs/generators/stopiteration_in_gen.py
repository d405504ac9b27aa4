# PEP 479: StopIteration raised inside a generator becomes RuntimeError
def bad():
    yield 1
    raise StopIteration("inside")
g = bad()
print(next(g))
try:
    next(g)
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))
def leaks_next():
    it = iter([])
    yield next(it)
try:
    list(leaks_next())
except RuntimeError as e:
    print(type(e).__name__, e)
def proper():
    it = iter([1, 2])
    while True:
        try:
            v = next(it)
        except StopIteration:
            return "exhausted"
        yield v
g = proper()
print(list(g))
def ret_value():
    yield 1
    return "rv"
g = ret_value()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value", e.value)
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration("from class")
print(list(It()))
def gen_in_gen():
    yield from It()
    yield "after"
print(list(gen_in_gen()))
