# Lambdas: defaults, closures, immediately invoked, in data structures
sq = lambda x: x * x
print(sq(5), (lambda: "none")(), (lambda *a, **k: (a, k))(1, x=2), (lambda a, b=2: a + b)(1))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
print([ops[o](6, 3) for o in "+-*"])
print(sq.__name__, (lambda: 0).__qualname__, type(sq).__name__)
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
print(compose(sq, inc)(3), compose(inc, sq)(3))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)), list(map(lambda x: x % 3, range(7))), list(filter(lambda x: x > 2, [1, 5, 2, 8])))
curry = lambda a: lambda b: lambda c: a * 100 + b * 10 + c
print(curry(1)(2)(3))
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))
y = 10
cap = lambda x, y=y: x + y
y = 20
print(cap(1), (lambda x: x + y)(1))
print((lambda x, /, y, *, z: (x, y, z))(1, y=2, z=3))
print((lambda: (yield))().__class__.__name__)
cond = lambda x: "neg" if x < 0 else "zero" if x == 0 else "pos"
print([cond(v) for v in (-1, 0, 1)])
