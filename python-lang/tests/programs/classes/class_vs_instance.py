# Class attributes vs instance attributes, mutation through instances
class Counter:
    total = 0
    items = []
    def __init__(self):
        Counter.total += 1
        self.total_at_creation = Counter.total
    def add(self, x):
        self.items.append(x)
    def rebind(self):
        self.items = ["own"]
a, b = Counter(), Counter()
print(Counter.total, a.total, a.total_at_creation, b.total_at_creation)
a.add(1); b.add(2)
print(Counter.items, a.items is b.items)
a.rebind()
print(a.items, b.items, Counter.items, "items" in a.__dict__, "items" in b.__dict__)
a.total = 100
print(a.total, b.total, Counter.total)
class Sub(Counter):
    total = -1
s = Sub()
print(Sub.total, Counter.total, s.total)
class Config:
    debug = False
    @classmethod
    def enable(cls):
        cls.debug = True
class Dev(Config):
    pass
Dev.enable()
print(Config.debug, Dev.debug, "debug" in Dev.__dict__)
print(sorted(k for k in vars(Counter) if not k.startswith("__")), sorted(vars(a)))
print(Counter.__dict__["total"], type(Counter.__dict__).__name__)
try:
    Counter.__dict__["x"] = 1
except TypeError as e:
    print(type(e).__name__, e)
setattr(Counter, "x", 1)
print(Counter.x, getattr(a, "x"), a.__class__.x)
delattr(Counter, "x")
print(hasattr(a, "x"))
