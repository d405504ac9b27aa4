# __getattr__, __getattribute__, __setattr__, __delattr__
class Lazy:
    def __init__(self):
        self.real = "real"
    def __getattr__(self, name):
        if name.startswith("x_"):
            return name.upper()
        raise AttributeError(f"no {name}")
l = Lazy()
print(l.real, l.x_abc, getattr(l, "x_q"), hasattr(l, "nope"), getattr(l, "nope", "dflt"))
try:
    l.nope
except AttributeError as e:
    print(type(e).__name__, e)
class Logged:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append("get " + name)
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
        object.__delattr__(self, name)
o = Logged()
o.a = 1
_ = o.a
del o.a
try:
    o.a
except AttributeError as e:
    print(type(e).__name__, e)
print(o.log)
class Both:
    def __getattribute__(self, name):
        if name == "boom":
            raise AttributeError("from getattribute")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback for " + name
b = Both()
print(b.boom, b.other)
class ReadOnly:
    def __init__(self, v):
        object.__setattr__(self, "v", v)
    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}")
r = ReadOnly(7)
try:
    r.v = 8
except AttributeError as e:
    print(type(e).__name__, e, r.v)
class Proxy:
    def __init__(self, target):
        self._target = target
    def __getattr__(self, name):
        return getattr(self._target, name)
px = Proxy([3, 1, 2])
px.sort()
print(px._target, px.count(1), len(px._target))
try:
    len(px)
except TypeError as e:
    print(type(e).__name__, e)
