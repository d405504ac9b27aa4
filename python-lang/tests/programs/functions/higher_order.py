# Functions as values: passing, returning, storing; map/filter/reduce by hand
def apply_twice(f, x):
    return f(f(x))
def reduce(f, xs, init):
    acc = init
    for x in xs:
        acc = f(acc, x)
    return acc
print(apply_twice(lambda s: s + "!", "hey"), reduce(lambda a, b: a * b, range(1, 7), 1))
pipeline = [str.strip, str.lower, lambda s: s.replace(" ", "_")]
val = "  Hello World  "
for step in pipeline:
    val = step(val)
print(val)
def memoize(fn):
    cache = {}
    def w(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    w.cache = cache
    return w
@memoize
def slow_sq(n):
    return n * n
print([slow_sq(i % 3) for i in range(6)], sorted(slow_sq.cache.items()))
def partial(fn, *pre, **kwpre):
    def w(*a, **k):
        return fn(*pre, *a, **{**kwpre, **k})
    return w
power = partial(pow, 2)
print(power(10), partial(int, base=2)("1011"), partial(max, 5)(3, 9))
fs = {name: fn for name, fn in [("abs", abs), ("neg", lambda x: -x), ("str", str)]}
print({k: f(-3) for k, f in fs.items()})
print(list(map(len, ["a", "bb", ""])), list(map(pow, [2, 3], [3, 2])), sorted(map(str, [10, 9, 100])))
def counter_gen():
    n = 0
    def next_():
        nonlocal n
        n += 1
        return n
    return next_
c = counter_gen()
print([c() for _ in range(3)], list(iter(c, 6)))
