# match: class patterns with __match_args__, keyword patterns, builtin types
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
class Circle:
    __match_args__ = ("center", "r")
    def __init__(self, center, r):
        self.center, self.r = center, r
def where(shape):
    match shape:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x=0) | Point(y=0):
            return "on x axis"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Circle(Point(x, y), r=1):
            return f"unit circle at {x},{y}"
        case Circle(center=c, r=r) if r > 10:
            return f"big circle r={r}"
        case Point():
            return "some point"
        case _:
            return "unknown"
for s in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2), Circle(Point(1, 1), 1), Circle(Point(0, 0), 20), Circle(None, 2), 5]:
    print(where(s))
def typed(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(i) if i < 0:
            return f"negative int {i}"
        case int() | float():
            return f"number {v}"
        case str(s):
            return f"str {s!r}"
        case list([x, *_]):
            return f"list starting {x}"
        case dict({"k": k}):
            return f"dict k={k}"
        case tuple((a, b)):
            return f"pair {a} {b}"
        case _:
            return "other"
for v in [True, -3, 4, 2.5, "s", [7, 8], {"k": 1}, (1, 2), (1, 2, 3), None]:
    print(typed(v))
class TooMany:
    __match_args__ = ("a",)
    a = 1
try:
    match TooMany():
        case TooMany(x, y):
            pass
except TypeError as e:
    print(type(e).__name__, e)
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print(type(e).__name__, e)
match NoArgs():
    case NoArgs(missing=1):
        print("no")
    case NoArgs():
        print("matched without attrs")
