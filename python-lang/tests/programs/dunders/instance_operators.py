class V:
    def __init__(self, x): self.x = x
    def __add__(self, o):
        if isinstance(o, V): return V(self.x + o.x)
        if isinstance(o, (int, float)): return V(self.x + o)
        return NotImplemented
    def __mul__(self, k): return V(self.x * k) if not isinstance(k, str) else NotImplemented
    __rmul__ = __mul__
    def __sub__(self, o): return NotImplemented
    def __repr__(self): return f"V({self.x})"
class W(V):
    def __radd__(self, o): return "W.radd"
    def __add__(self, o): return "W.add"
class MyInt(int):
    def __add__(self, o): return "MyInt.add"
print(V(1) + V(2), V(1) + 3, V(2) * 1.5, 2 * V(3), V(1) + W(1), W(1) + V(1))
for expr in ["V(1) + 'a'", "V(1) - V(2)", "V(1) - 3", "V(1) * 's'", "V(1) ** 2", "[] + V(1)"]:
    try:
        print(eval(expr))
    except TypeError as e:
        print("TypeError:", e)
print(MyInt(3) + 1, 1 + MyInt(3), MyInt(2) * 3)
class N:
    def __add__(self, o):
        print("N.add called"); return NotImplemented
class R:
    def __radd__(self, o):
        return "R.radd"
print(N() + R())
v = V(1)
v += V(5)
print(v)
