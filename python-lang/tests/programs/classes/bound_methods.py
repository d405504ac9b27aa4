# Bound/unbound methods, method identity and equality, methods stored in instances
class C:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
c1, c2 = C(1), C(2)
m1 = c1.get
print(m1(), C.get(c2), m1.__self__ is c1, m1.__func__ is C.get, m1 == c1.get, m1 == c2.get, c1.get is c1.get)
getters = [c.get for c in (c1, c2)]
c1.v = 10
print([g() for g in getters])
c1.get = lambda: "instance attr"
print(c1.get(), c2.get(), C.get(c1))
del c1.get
print(c1.get())
def free(self, x):
    return self.v + x
C.add = free
print(c2.add(5), C.add(c2, 6))
print(type(C.get).__name__, type(c1.get).__name__, type(C.__dict__["get"]).__name__)
meth = c2.get
del C.get
print(meth(), hasattr(c2, "get"))
try:
    c2.get()
except AttributeError as e:
    print(type(e).__name__, e)
class S:
    @staticmethod
    def st(x):
        return x
    @classmethod
    def cm(cls):
        return cls.__name__
print(S.st(1), S().st(2), S.cm(), S().cm(), S.cm.__self__ is S, type(S.cm).__name__, type(S.st).__name__)
