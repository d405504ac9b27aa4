# Attribute reads, method calls and stores at one site that sees objects change shape,
# classes change, and attributes move between the instance and its class.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm(self):
        return self.x * self.x + self.y * self.y


def read_x(p):
    return p.x


def call_norm(p):
    return p.norm()


def set_x(p, v):
    p.x = v


points = [Point(i, i + 1) for i in range(5)]
print([read_x(p) for p in points])
print([call_norm(p) for p in points])

# A different map at the same site: attributes added in another order.
q = Point.__new__(Point)
q.y = 10
q.x = 20
print(read_x(q), call_norm(q))

# The instance shadows the method.
r = Point(1, 2)
r.norm = lambda: "shadowed"
print(call_norm(r), call_norm(points[1]))

# The class gains a property named like the instance attribute: it wins from now on.
print(read_x(points[2]))
Point.x = property(lambda self: "from property")
print(read_x(points[2]), read_x(q))
del Point.x
print(read_x(points[2]))

# The method is replaced on the class.
Point.norm = lambda self: "replaced"
print(call_norm(points[3]))

# Attributes moved into __dict__, then deleted.
s = Point(7, 8)
print(read_x(s))
s.__dict__["x"] = 70
print(read_x(s))
del s.x
try:
    read_x(s)
except AttributeError as e:
    print("AttributeError:", e)
set_x(s, 700)
print(read_x(s))

# Stores: replacing, adding in order, and a __setattr__ that arrives later.
t = Point(1, 1)
for v in range(3):
    set_x(t, v)
print(t.x)


class Logged(Point):
    pass


u = Logged(0, 0)
set_x(u, 5)
set_x(u, 6)
print(u.x)
Logged.__setattr__ = lambda self, name, value: print("setattr", name, value)
set_x(u, 7)
print(u.x)

# __class__ assignment changes what the site sees.
class Other:
    x = "class attribute of Other"

    def norm(self):
        return "Other.norm"


w = Point(3, 4)
print(read_x(w), call_norm(w))
del w.x
w.__class__ = Other
print(read_x(w), call_norm(w))

# A class attribute read through instances, then changed on the class.
class Config:
    limit = 10


def read_limit(c):
    return c.limit


c = Config()
print(read_limit(c), read_limit(c))
Config.limit = 20
print(read_limit(c))
c.limit = 30
print(read_limit(c), read_limit(Config()))

# Methods of built-in values at one site, with subclasses mixed in.
class MyList(list):
    def append(self, value):
        super().append(value * 10)


def add_one(seq):
    seq.append(1)
    return seq


print(add_one([]), add_one([0]), add_one(MyList()), add_one([2]))

# __slots__ classes and classes without a __dict__.
class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = 2


def read_a(o):
    return o.a


sl = Slotted()
print(read_a(sl), read_a(sl))
try:
    sl.c = 3
except AttributeError as e:
    print("AttributeError:", e)

# A data descriptor defined by a Python class that gains __set__ later.
class Descriptor:
    def __get__(self, obj, owner):
        return "descriptor get"


class Holder:
    d = Descriptor()


h = Holder()
h.__dict__["d"] = "instance value"


def read_d(o):
    return o.d


print(read_d(h), read_d(h))
Descriptor.__set__ = lambda self, obj, value: None
print(read_d(h))
