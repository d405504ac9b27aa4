# Calls of Python functions whose parameters are all positional take a fast path (from
# the eval loop, from special methods and from builtins that call back); these check that
# it binds, defaults, closes over, recurses, raises and makes generators as the general
# path does.
import sys

def defaults(a, b=2, c=[3]):
    return a, b, c

print(defaults(1), defaults(1, 20), defaults(1, 20, 30))
try:
    defaults()
except TypeError as e:
    print("TypeError:", e)
try:
    defaults(1, 2, 3, 4)
except TypeError as e:
    print("TypeError:", e)

def counter():
    total = 0
    def add(x, step=1):
        nonlocal total
        total += x * step
        return total
    return add

add = counter()
print(add(1), add(2), add(3, 10))
other = counter()
print(other(5), add(0))

class Vec:
    def __init__(self, x, y=0):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __eq__(self, other, strict=False):
        return (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __len__(self):
        return 2
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def scaled(self, k=2):
        return Vec(self.x * k, self.y * k)

v = Vec(1) + Vec(2, 3)
print(v, v.scaled(), v.scaled(3), len(v), v == Vec(3, 3), Vec(3, 3) in {v})
print(sorted([Vec(2, 1), Vec(1, 5)], key=lambda p, bias=0: p.x + bias))
print(list(map(lambda a, b=10: a + b, [1, 2])))

def gen(n, start=0):
    for i in range(start, n):
        yield i

print(list(gen(3)), list(gen(5, 3)), gen(1).gi_running)

def running():
    yield g.gi_running

g = running()
print(next(g))

def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1

print(depth(500))
try:
    depth(100000)
except RecursionError as e:
    print("RecursionError:", e)

def caller_name():
    return sys._getframe(1).f_code.co_name

def outer(x, y=1):
    return caller_name(), sys._getframe().f_back.f_code.co_name

print(outer(1))

def fail(x, y=0):
    return x / y

def middle(x):
    return fail(x)

try:
    middle(1)
except ZeroDivisionError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)

# The same code object in two closures: the reused frame takes each one's cells.
makers = [(lambda k: (lambda x: x + k))(k) for k in range(3)]
print([m(10) for m in makers], [m(20) for m in reversed(makers)])

# A call that fails to bind leaves the code's spare frame free and empty for the next.
def kw(a, b=2, *, c=3):
    if a > 5:
        late = a
    return (a, b, c, late) if a > 5 else (a, b, c)

print(kw(1))
try:
    kw(1, 2, d=4)
except TypeError as e:
    print("TypeError:", e)
print(kw(5), kw(6, c=7), kw(7, 8, c=9))
