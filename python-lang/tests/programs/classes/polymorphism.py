# Duck typing and abstract-like base classes without abc
class Shape:
    def area(self):
        raise NotImplementedError(f"{type(self).__name__}.area")
    def __repr__(self):
        return f"{type(self).__name__}(area={self.area():.2f})"
class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
shapes = [Rect(2, 3), Square(4), Circle(1)]
print(shapes, sorted(shapes, key=lambda s: s.area()), sum(s.area() for s in shapes))
try:
    Shape().area()
except NotImplementedError as e:
    print(type(e).__name__, e)
try:
    repr(Shape())
except NotImplementedError as e:
    print(type(e).__name__, e)
class FileLike:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
f = FileLike()
print("to filelike", 1, 2, file=f, sep="|")
print(f.parts)
def total_len(things):
    return sum(len(t) for t in things)
print(total_len(["ab", (1, 2, 3), {"k": 1}, range(4), b"xyz"]))
