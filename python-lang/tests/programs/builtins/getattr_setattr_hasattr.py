# getattr, setattr, hasattr, delattr
class O:
    cls = "class attr"
    @property
    def prop(self):
        raise AttributeError("prop missing")
    @property
    def boom(self):
        raise ValueError("boom")
o = O()
setattr(o, "x", 1)
setattr(o, "with space", 2)
print(getattr(o, "x"), getattr(o, "with space"), getattr(o, "cls"), getattr(o, "nope", None), getattr(O, "cls"))
print(hasattr(o, "x"), hasattr(o, "nope"), hasattr(o, "prop"), hasattr(O, "prop"), hasattr(o, "__class__"))
try:
    hasattr(o, "boom")
except ValueError as e:
    print("hasattr propagates non-AttributeError:", e)
try:
    getattr(o, "nope")
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(o, "prop", "default used"))
delattr(o, "x")
print(hasattr(o, "x"), sorted(vars(o)))
try:
    delattr(o, "x")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(o, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    setattr(1, "x", 2)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    setattr(object(), "x", 2)
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr("abc", "upper")(), getattr([1, 2], "__len__")(), getattr(len, "__name__"))
