# sum with start values and various types
print(sum([]), sum([1, 2, 3]), sum([1, 2, 3], 10), sum((0.1, 0.2)), sum([1, 2.0]), sum(range(101)), sum([True] * 5))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()), sum([1j, 2]), sum([], start=7), sum(x for x in range(4)))
print(sum([2 ** 62, 2 ** 62, 2 ** 62]), sum([0.1] * 10), sum([1e100, 1.0, -1e100]))
for args in [(["a", "b"], ""), ([b"a"], b""), ([[1]],), ([1, "a"],)]:
    try:
        print(sum(*args))
    except TypeError as e:
        print(type(e).__name__, e)
class Money:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return Money(self.v + (o.v if isinstance(o, Money) else o))
    __radd__ = __add__
    def __repr__(self):
        return f"Money({self.v})"
print(sum([Money(1), Money(2)]), sum([Money(5)], Money(10)))
