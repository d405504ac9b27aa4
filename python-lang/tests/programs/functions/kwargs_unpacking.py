# ** and * unpacking at call sites; order of evaluation
def show(*args, **kwargs):
    return args, kwargs
log = []
def v(x):
    log.append(x)
    return x
print(show(v(1), *[v(2), v(3)], v(4), k=v(5), **{"m": v(6)}))
print(log)
d1 = {"a": 1}
d2 = {"b": 2}
print(show(**d1, **d2, c=3))
print(show(*"ab", *range(2), *()))
def kwonly(*, a, b):
    return a - b
print(kwonly(**{"b": 1, "a": 10}))
class Mapping:
    def keys(self):
        return ["x", "y"]
    def __getitem__(self, k):
        return k.upper()
print(show(**Mapping()))
def gen():
    yield 1
    yield 2
print(show(*gen()), show(*{3: "c"}), show(*{"k": 1}.values()))
try:
    show(**{"a": 1}, a=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(*None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    show(**None)
except TypeError as e:
    print(type(e).__name__, e)
def f(a, b, c):
    return a * 100 + b * 10 + c
args = (1, 2)
print(f(*args, 3), f(3, *args), f(*args, c=9), f(c=1, *args))
