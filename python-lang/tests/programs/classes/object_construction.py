# __new__ vs __init__, immutable subclasses, alternative constructors
class Tracked:
    def __new__(cls, *args):
        print("__new__", cls.__name__, args)
        inst = super().__new__(cls)
        inst.from_new = True
        return inst
    def __init__(self, *args):
        print("__init__", args)
        self.args = args
t = Tracked(1, 2)
print(t.from_new, t.args)
class Other:
    pass
class ReturnsOther:
    def __new__(cls):
        return Other()
    def __init__(self):
        print("never called")
r = ReturnsOther()
print(type(r).__name__)
class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
u = Upper("abc")
print(u, type(u).__name__, u + "d", len(u))
class Pos(int):
    def __new__(cls, v):
        if v < 0:
            raise ValueError("negative")
        return super().__new__(cls, v)
print(Pos(5) + 1, type(Pos(5)).__name__, isinstance(Pos(3), int))
try:
    Pos(-1)
except ValueError as e:
    print(type(e).__name__, e)
class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
p = Pair(1, 2)
print(p, p.first, len(p), p == (1, 2), type(p).__name__)
class InitReturns:
    def __init__(self):
        return 5
try:
    InitReturns()
except TypeError as e:
    print(type(e).__name__, e)
try:
    object.__new__(int)
except TypeError as e:
    print(type(e).__name__, e)
class Extra:
    pass
try:
    Extra(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
