# type(), __class__, __name__, __bases__, reassigning __class__
class A:
    def who(self):
        return "A"
class B:
    def who(self):
        return "B"
a = A()
print(type(a) is A, a.__class__ is A, type(A) is type, type(type) is type, type(object) is type)
a.__class__ = B
print(a.who(), type(a).__name__, isinstance(a, A), isinstance(a, B))
try:
    a.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
print(type(1).__name__, type("").__name__, type([]).__name__, type(None).__name__, type(len).__name__, type(A.who).__name__)
print(A.__bases__[0] is object, object.__bases__, int.__bases__[0].__name__, type.__bases__[0].__name__)
print(type.__name__, type(int).__name__, isinstance(int, type), isinstance(type, object), isinstance(object, type))
C = type("C", (A,), {"v": 3, "__doc__": "made"})
print(C.__name__, C.v, C().who(), C.__doc__, C.__qualname__, C.__module__)
try:
    type("X")
except TypeError as e:
    print(type(e).__name__, e)
try:
    type(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
print(type(A.__dict__).__name__, A.__name__, A.__qualname__)
A.__name__ = "Renamed"
print(A.__name__, A.__qualname__)
class Outer:
    class Inner:
        pass
print(Outer.Inner.__name__, Outer.Inner.__qualname__, repr(Outer.Inner).endswith("Outer.Inner'>"))
print(str(int), repr(str), repr(type), str(Outer).replace("__main__.", ""))
