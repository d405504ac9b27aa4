# isinstance/issubclass with tuples, __instancecheck__, __subclasscheck__
class Meta(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")
    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")
class Duck(metaclass=Meta):
    pass
class Mallard:
    def quack(self):
        return "quack"
class Rock:
    pass
print(isinstance(Mallard(), Duck), isinstance(Rock(), Duck), issubclass(Mallard, Duck), issubclass(Rock, Duck))
print(isinstance(1, (str, (list, (int,)))), isinstance("s", ()), issubclass(int, (float, object)))
print(isinstance(True, int), isinstance(1, bool), isinstance(1.0, int), isinstance(None, object), isinstance(int, object))
print(issubclass(type, object), issubclass(object, type), isinstance(type, type), issubclass(Meta, type))
try:
    isinstance(1, [int])
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(1, int)
except TypeError as e:
    print(type(e).__name__, e)
class A: pass
class B(A): pass
print(isinstance(B(), A), type(B()) == A, isinstance(A(), B), issubclass(B, (Rock, A)))
print([isinstance(v, (int, float)) for v in (1, 1.5, "1", True, None, 1j)])
