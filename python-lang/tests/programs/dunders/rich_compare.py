# Rich comparisons, reflection, NotImplemented fallback, identity fallback for ==
class N:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print(f"eq {self.v} {getattr(o, 'v', o)}")
        return isinstance(o, N) and self.v == o.v
    def __lt__(self, o):
        print(f"lt {self.v} {getattr(o, 'v', o)}")
        if not isinstance(o, N):
            return NotImplemented
        return self.v < o.v
    def __le__(self, o):
        return self.v <= o.v
    __hash__ = None
a, b = N(1), N(2)
print(a == b, a != b, a < b, b > a, a <= b)
print(a == 1, 1 == a)
try:
    a < 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    a >= b
except TypeError as e:
    print(type(e).__name__, e)
class Sub(N):
    def __eq__(self, o):
        print("Sub.eq first")
        return NotImplemented
print(N(1) == Sub(1))
class Plain:
    pass
p, q = Plain(), Plain()
print(p == p, p == q, p != q, p != p)
try:
    p < q
except TypeError as e:
    print(type(e).__name__, e)
class AlwaysEq:
    def __eq__(self, o):
        return "truthy string"
print(AlwaysEq() == 1, AlwaysEq() != 1, [AlwaysEq()] == [2])
class NeOnly:
    def __ne__(self, o):
        return "custom ne"
print(NeOnly() != 1, NeOnly() == 1)
class Ord:
    def __init__(self, v):
        self.v = v
    def __gt__(self, o):
        return self.v > o.v
    def __repr__(self):
        return f"Ord({self.v})"
print(sorted([Ord(3), Ord(1), Ord(2)]), max([Ord(5), Ord(9)]), min(Ord(4), Ord(2)))
