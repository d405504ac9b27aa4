# Generator expressions: laziness, scoping of first iterable, single-use
def source(n):
    print("source called")
    for i in range(n):
        print("produce", i)
        yield i
g = (x * 10 for x in source(3))
print("created")
print(next(g))
print(list(g))
print(list(g))
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]), any(x > 3 for x in [1, 5]))
print(sorted((y for y in "hello"), reverse=True), "".join(c.upper() for c in "abc"), tuple(i for i in range(3)))
try:
    (1 / x for x in [1, 0])
    gg = (1 / x for x in 5)
except TypeError as e:
    print("first iterable evaluated eagerly:", type(e).__name__, e)
gen = (1 / x for x in [1, 0])
print(next(gen))
try:
    next(gen)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    next(gen)
except StopIteration:
    print("gen finished after exception")
x = 10
g2 = (x + i for i in range(3))
x = 20
print(list(g2))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
print(type((i for i in [])).__name__, list(i for i in [] if i))
pairs = list(zip((c for c in "abc"), (n for n in range(10))))
print(pairs)
