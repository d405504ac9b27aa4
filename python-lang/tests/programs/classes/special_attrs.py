# __dict__, vars(), dir() of small classes, __module__, __doc__
class Base:
    "Base doc"
    cls_attr = 1
    def m(self):
        pass
class Derived(Base):
    other = 2
    def __init__(self):
        self.inst = 3
d = Derived()
print(vars(d), d.__dict__ is vars(d))
print([n for n in dir(d) if not n.startswith("__")])
print([n for n in dir(Derived) if not n.startswith("__")])
print("cls_attr" in Derived.__dict__, "cls_attr" in Base.__dict__, "other" in vars(Derived))
print(Derived.__doc__, Base.__doc__, Derived.__module__, d.__module__)
d.__dict__["injected"] = "via dict"
print(d.injected, sorted(vars(d)))
d.__dict__ = {"replaced": True}
print(d.__dict__, hasattr(d, "inst"))
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
print(sorted(n for n in dir(Base) if not n.startswith("_")), "__init__" in dir(Base), "__class__" in dir(d))
print(Base.__dict__["m"].__name__, type(Base.__dict__["__dict__"]).__name__ if "__dict__" in Base.__dict__ else None)
print(Derived.__base__.__name__, Derived.__bases__[0].__name__, object.__base__)
