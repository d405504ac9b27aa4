# Dunder methods are looked up on the type, not the instance
class C:
    def __len__(self):
        return 1
    def __repr__(self):
        return "C()"
c = C()
c.__len__ = lambda: 100
c.__repr__ = lambda: "instance repr"
print(len(c), repr(c), c.__len__(), c.__repr__())
class G:
    def __getattr__(self, name):
        if name == "__len__":
            return lambda: 5
        raise AttributeError(name)
g = G()
print(g.__len__())
try:
    len(g)
except TypeError as e:
    print(type(e).__name__, e)
class D:
    pass
D.__add__ = lambda self, o: "added later"
print(D() + 1)
D.__eq__ = lambda self, o: True
print(D() == 5)
del D.__add__
try:
    D() + 1
except TypeError as e:
    print(type(e).__name__, e)
class Meta(type):
    def __len__(cls):
        return 42
    def __getitem__(cls, item):
        return f"{cls.__name__}[{item}]"
    def __repr__(cls):
        return f"<Meta class {cls.__name__}>"
class WithMeta(metaclass=Meta):
    pass
print(len(WithMeta), WithMeta[int.__name__], repr(WithMeta), WithMeta)
class CG:
    def __class_getitem__(cls, item):
        return f"generic {cls.__name__}[{item!r}]"
print(CG[int], CG["x"], list[int], dict[str, int])
