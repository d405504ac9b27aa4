# __slots__ restrict attributes and remove __dict__
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "__dict__"), P.__slots__, type(P.__dict__["x"]).__name__)
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.y
except AttributeError as e:
    print(type(e).__name__, e)
p.y = 5
print(p.y)
del p.y
try:
    del p.y
except AttributeError as e:
    print(type(e).__name__, e)
class Q(P):
    pass
q = Q(2)
q.z = "subclass has dict"
print(q.z, q.__dict__)
class R(P):
    __slots__ = ("w",)
r = R(3)
r.w = 4
print(r.x, r.w, hasattr(r, "__dict__"))
try:
    r.v = 1
except AttributeError as e:
    print(type(e).__name__, e)
class WithDict:
    __slots__ = ("a", "__dict__")
w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.__dict__)
try:
    class Conflict:
        __slots__ = ("a",)
        a = 5
except ValueError as e:
    print(type(e).__name__, e)
class Single:
    __slots__ = "only"
s = Single()
s.only = "one"
print(s.only, Single.__slots__)
