# super() in its various forms
class A:
    def f(self):
        return "A.f"
    @classmethod
    def c(cls):
        return f"A.c({cls.__name__})"
    @staticmethod
    def s():
        return "A.s"
class B(A):
    def f(self):
        return "B.f>" + super().f()
    @classmethod
    def c(cls):
        return "B.c>" + super().c()
    def explicit(self):
        return super(B, self).f()
    def skip(self):
        return super(A, self).__class__.__name__
class C(B):
    def f(self):
        return "C.f>" + super().f()
    def grand(self):
        return super(B, self).f()
    def static_via_super(self):
        return super().s()
c = C()
print(c.f(), C.c(), c.grand(), c.explicit(), c.static_via_super(), c.skip())
print(super(C, c).f(), super(B, C).c(), super(C, C).f(c))
s = super(B, c)
print(type(s).__name__, s.f())
class Init:
    def __init__(self, **kw):
        self.kw = kw
class Mixin:
    def __init__(self, **kw):
        self.mixed = True
        super().__init__(**kw)
class Both(Mixin, Init):
    def __init__(self):
        super().__init__(a=1)
b = Both()
print(b.kw, b.mixed)
class Lam(A):
    def f(self):
        g = lambda: super(Lam, self).f()
        return "Lam>" + g()
    def comp(self):
        return [super(Lam, self).f() for _ in range(2)]
print(Lam().f(), Lam().comp())
def outside(self):
    return super(Lam, self).f()
Lam.outside = outside
print(Lam().outside())
try:
    super(C, 5)
except TypeError as e:
    print(type(e).__name__, e)
class NoArgsStatic(A):
    @staticmethod
    def bad():
        return super().f()
try:
    NoArgsStatic.bad()
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    super(C, c).nope
except AttributeError as e:
    print(type(e).__name__, e)
