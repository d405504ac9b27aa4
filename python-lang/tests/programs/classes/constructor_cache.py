class P:
    def __init__(self, x, y=2, *rest, k=3):
        self.x = x; self.y = y; self.rest = rest; self.k = k
out = []
for i in range(4):
    p = P(i, i + 1, 7, 8) if i % 2 else P(i)
    out.append((p.x, p.y, p.rest, p.k))
    if i == 1:
        P.__init__ = lambda self, *a: setattr(self, 'x', -1) or setattr(self, 'y', 0) or setattr(self, 'rest', a) or setattr(self, 'k', None)
print(out)
class Q:
    def __init__(self): return 5
for i in range(3):
    try:
        Q()
    except TypeError as e:
        print(e)
class R:
    def __init__(self, a):
        self.a = a
class S(R):
    pass
def make(c):
    return c(1)
for c in [R, S, R, S, R]:
    o = make(c)
    print(type(o).__name__, o.a)
R.__new__ = lambda cls, a: 42
print(make(R), make(S))
try:
    make(R.__init__)
except TypeError as e:
    print(e)
try:
    R()
except TypeError as e:
    print(e)
