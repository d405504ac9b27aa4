# __getstate__-free manual copy via __class__ and __dict__, __reduce__ not used; __eq__ on copies
class Rec:
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def copy(self):
        new = self.__class__.__new__(self.__class__)
        new.__dict__ = dict(self.__dict__)
        return new
    def __eq__(self, o):
        return type(o) is type(self) and vars(o) == vars(self)
    def __repr__(self):
        inner = ", ".join(f"{k}={v!r}" for k, v in sorted(vars(self).items()))
        return f"Rec({inner})"
r = Rec(a=1, b=[2])
c = r.copy()
print(r, c, r == c, r is c, r.b is c.b)
c.a = 99
print(r, c, r == c, r != c)
class Sub(Rec):
    pass
s = Sub(a=1, b=[2])
print(s, s == r, r == s, s.copy() == s, type(s.copy()).__name__)
