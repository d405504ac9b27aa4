# __index__, __int__, __float__, __complex__, __neg__/__pos__/__abs__/__invert__, __round__, __trunc__
class Idx:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v
i = Idx(2)
print([10, 20, 30][i], "abcdef"[i:Idx(5)], bin(Idx(5)), hex(Idx(255)), oct(Idx(8)), range(Idx(3)), operator_like := [0] * Idx(2))
print(int(Idx(7)), (1).__lshift__(Idx(3)), "ab" * Idx(2), bytes(Idx(2)), [1, 2, 3, 4][Idx(1)::Idx(2)])
class BadIdx:
    def __index__(self):
        return "no"
try:
    [1][BadIdx()]
except TypeError as e:
    print(type(e).__name__, e)
try:
    [1][1.0 if False else "s"]
except TypeError as e:
    print(type(e).__name__, e)
class Num:
    def __init__(self, v):
        self.v = v
    def __neg__(self): return Num(-self.v)
    def __pos__(self): return Num(+self.v + 0.5)
    def __abs__(self): return Num(abs(self.v))
    def __invert__(self): return Num(~int(self.v))
    def __int__(self): return int(self.v)
    def __float__(self): return float(self.v)
    def __complex__(self): return complex(self.v, 1)
    def __round__(self, n=None): return f"round({n})"
    def __trunc__(self): return "trunc"
    def __floor__(self): return "floor"
    def __ceil__(self): return "ceil"
    def __repr__(self): return f"Num({self.v})"
n = Num(-3)
print(-n, +n, abs(n), ~n, int(n), float(n), complex(n), round(n), round(n, 2))
import math
print(math.trunc(n), math.floor(n), math.ceil(n))
class NoNeg:
    pass
try:
    -NoNeg()
except TypeError as e:
    print(type(e).__name__, e)
try:
    abs(NoNeg())
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(NoNeg())
except TypeError as e:
    print(type(e).__name__, e)
class FloatOnly:
    def __float__(self):
        return 2.5
print(float(FloatOnly()), math.sqrt(FloatOnly()))
class IntViaIndex:
    def __index__(self):
        return 9
print(int(IntViaIndex()), float(IntViaIndex()) if hasattr(float, "__index__") else "skip")
