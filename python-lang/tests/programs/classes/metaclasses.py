# Metaclasses: __new__, __init__, __call__, __prepare__ and class creation with type()
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith("__")), kw)
        ns["added_by_meta"] = name.lower()
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kwargs):
        print("Meta.__call__", cls.__name__, args)
        inst = super().__call__(*args, **kwargs)
        inst.created_via_meta = True
        return inst
    def describe(cls):
        return f"class {cls.__name__}"
class Base(metaclass=Meta):
    def __init__(self, v):
        self.v = v
class Child(Base, flag=1):
    def method(self):
        pass
c = Child(5)
print(c.v, c.created_via_meta, Child.added_by_meta, Child.describe(), type(Child).__name__, type(Base).__name__)
print(isinstance(Child, Meta), isinstance(Child, type), hasattr(c, "describe"))
Dyn = type("Dyn", (Base,), {"x": 1, "get": lambda self: self.x * 10})
d = Dyn(0)
print(type(Dyn).__name__, Dyn.__name__, d.get(), [k.__name__ for k in Dyn.__mro__])
Plain = type("Plain", (), {})
print(Plain.__name__, Plain.__bases__[0].__name__, type(Plain).__name__, type(type).__name__)
class Ordered(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        print("prepare", name)
        return {"injected": 42}
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.order = [k for k in ns if not k.startswith("__")]
        return cls
class O(metaclass=Ordered):
    b = 1
    a = 2
    def c(self): pass
print(O.order, O.injected)
class Singleton(type):
    _instances = {}
    def __call__(cls, *a):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*a)
        return cls._instances[cls]
class Conf(metaclass=Singleton):
    def __init__(self, n):
        self.n = n
print(Conf(1) is Conf(2), Conf(3).n)
try:
    type("X", (5,), {})
except TypeError as e:
    print(type(e).__name__, e)
