# A Fraction-like class exercising many dunders together
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)
class Frac:
    def __init__(self, n, d=1):
        if d == 0:
            raise ZeroDivisionError("zero denominator")
        if d < 0:
            n, d = -n, -d
        g = gcd(n, d) or 1
        self.n, self.d = n // g, d // g
    @staticmethod
    def _c(o):
        if isinstance(o, Frac):
            return o
        if isinstance(o, int):
            return Frac(o)
        return None
    def __add__(self, o):
        o = self._c(o)
        return NotImplemented if o is None else Frac(self.n * o.d + o.n * self.d, self.d * o.d)
    __radd__ = __add__
    def __sub__(self, o):
        o = self._c(o)
        return NotImplemented if o is None else Frac(self.n * o.d - o.n * self.d, self.d * o.d)
    def __rsub__(self, o):
        return Frac(o) - self
    def __mul__(self, o):
        o = self._c(o)
        return NotImplemented if o is None else Frac(self.n * o.n, self.d * o.d)
    __rmul__ = __mul__
    def __truediv__(self, o):
        o = self._c(o)
        return Frac(self.n * o.d, self.d * o.n)
    def __rtruediv__(self, o):
        return Frac(o) / self
    def __neg__(self):
        return Frac(-self.n, self.d)
    def __eq__(self, o):
        o = self._c(o)
        return o is not None and self.n == o.n and self.d == o.d
    def __lt__(self, o):
        o = self._c(o)
        return self.n * o.d < o.n * self.d
    def __hash__(self):
        return hash((self.n, self.d))
    def __float__(self):
        return self.n / self.d
    def __repr__(self):
        return f"{self.n}/{self.d}" if self.d != 1 else f"{self.n}"
h = Frac(1, 2)
t = Frac(1, 3)
print(h + t, h - t, h * t, h / t, 1 - h, 2 / t, -h, h + 1, 3 * t, h == Frac(2, 4), h == 0.5, t < h, float(t))
print(sum([Frac(1, n) for n in range(1, 7)]), sorted([Frac(3, 4), Frac(1, 8), Frac(2, 3)]), {Frac(2, 4): "half"}[h])
try:
    Frac(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    h + 0.5
except TypeError as e:
    print(type(e).__name__, e)
x = Frac(0)
for k in range(1, 11):
    x += Frac(1, k * (k + 1))
print(x, max(Frac(5, 7), Frac(7, 10)))
