# Binary operator overloading, reflected operators, NotImplemented
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return f"V{self.c}"
    def __add__(self, o):
        if isinstance(o, V):
            return V(*(a + b for a, b in zip(self.c, o.c)))
        if isinstance(o, (int, float)):
            return V(*(a + o for a in self.c))
        return NotImplemented
    def __radd__(self, o):
        print("radd", o)
        return self + o
    def __sub__(self, o):
        return V(*(a - b for a, b in zip(self.c, o.c)))
    def __mul__(self, k):
        if not isinstance(k, (int, float)):
            return NotImplemented
        return V(*(a * k for a in self.c))
    __rmul__ = __mul__
    def __truediv__(self, k):
        return V(*(a / k for a in self.c))
    def __floordiv__(self, k):
        return V(*(a // k for a in self.c))
    def __mod__(self, k):
        return V(*(a % k for a in self.c))
    def __pow__(self, k, mod=None):
        return V(*(pow(a, k, mod) for a in self.c))
    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.c, o.c))
    def __divmod__(self, k):
        return (self // k, self % k)
    def __lshift__(self, n):
        return V(*(a << n for a in self.c))
    def __rshift__(self, n):
        return V(*(a >> n for a in self.c))
    def __and__(self, o): return "and"
    def __or__(self, o): return "or"
    def __xor__(self, o): return "xor"
    def __rsub__(self, o): return f"rsub({o})"
    def __rtruediv__(self, o): return f"rtruediv({o})"
    def __rpow__(self, o): return f"rpow({o})"
    def __rmatmul__(self, o): return f"rmatmul({o})"
a, b = V(1, 2), V(3, 4)
print(a + b, a + 1, 1 + a, a - b, a * 3, 3 * a, a / 2, b // 2, b % 3, a ** 2, pow(b, 2, 5), a @ b)
print(divmod(b, 2), a << 2, b >> 1, a & b, a | b, a ^ b, 10 - a, 1 / a, 2 ** a, [1] @ a)
print(sum([a, b], V(0, 0)), sum([a, b]))
for expr in [lambda: a + "s", lambda: "s" + a, lambda: a * a, lambda: a < b, lambda: -a, lambda: a // "x"]:
    try:
        print(expr())
    except TypeError as e:
        print(type(e).__name__, e)
