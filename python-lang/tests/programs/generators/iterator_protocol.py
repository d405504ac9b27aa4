# Iterator protocol: iter(), next(), StopIteration, iterators over builtins
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)
for obj in ["ab", (1, 2), {"k": 1, "j": 2}, range(2), b"xy", {5: 0}.items(), enumerate("z"), zip("a", "b")]:
    i = iter(obj)
    print(iter(i) is i, list(i), list(i))
d = {"a": 1}
di = iter(d)
print(iter(di) is di, next(di))
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        a, b = 0, 1
        while a < self.limit:
            yield a
            a, b = b, a + b
print(list(Fib(50)), 21 in Fib(50), 22 in Fib(50))
class CountCalls:
    def __init__(self):
        self.calls = 0
    def __call__(self):
        self.calls += 1
        return self.calls
cc = CountCalls()
print(list(iter(cc, 4)), cc.calls)
m = map(lambda v: v * 2, [1, 2, 3])
print(next(m), list(m), list(m))
e = enumerate("abc", 10)
print(next(e), list(e))
z = zip([1, 2, 3], "ab")
print(list(z))
f = filter(None, [0, 1, "", "x"])
print(list(f))
r = reversed([1, 2, 3])
print(next(r), list(r))
