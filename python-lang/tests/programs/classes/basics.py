# Class and instance attributes, methods, __dict__
class Point:
    dims = 2
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x ** 2 + self.y ** 2
    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)
p = Point(3, 4)
q = p.moved(1, 1)
print(p.x, p.y, p.norm2(), q.x, q.y, p.dims, Point.dims, type(p).__name__, p.__class__.__name__)
print(p.__dict__, sorted(k for k in Point.__dict__ if not k.startswith("__")), Point.__name__, Point.__qualname__, Point.__module__)
p.dims = 3
print(p.dims, Point.dims, q.dims, p.__dict__)
Point.dims = 10
print(p.dims, q.dims)
del p.dims
print(p.dims)
try:
    del p.dims
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.z
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Point.nope
except AttributeError as e:
    print(type(e).__name__, e)
p.z = "dynamic"
print(p.z, hasattr(p, "z"), hasattr(q, "z"), getattr(q, "z", "default"))
Point.shared = []
p.shared.append(1)
print(q.shared, Point.shared)
def extra(self):
    return "extra " + str(self.x)
Point.extra = extra
print(p.extra(), Point.extra(q))
class Empty:
    pass
e = Empty()
print(e.__dict__, type(e).__name__, Empty.__bases__[0].__name__, isinstance(e, object))
try:
    Point(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    Empty(1)
except TypeError as e:
    print(type(e).__name__, e)
