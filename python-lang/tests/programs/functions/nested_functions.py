# Nested function definitions, redefinition, functions in loops and conditionals
def outer(n):
    def helper(x):
        return x * n
    if n > 5:
        def choose():
            return "big"
    else:
        def choose():
            return "small"
    return [helper(i) for i in range(3)], choose()
print(outer(2), outer(10))
def f():
    return 1
g = f
def f():
    return 2
print(f(), g(), f is g)
fns = {}
for name in ["a", "b"]:
    def make(n=name):
        return n * 2
    fns[name] = make
print({k: v() for k, v in fns.items()})
def counter():
    def inc():
        inc.count += 1
        return inc.count
    inc.count = 0
    return inc
c = counter()
c(); c()
print(c(), c.count)
def deep(a):
    def l1(b):
        def l2(c):
            def l3(d):
                return a + b + c + d
            return l3
        return l2
    return l1
print(deep(1)(2)(3)(4), deep("a")("b")("c")("d"))
def recursive_inner(n):
    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)
print(recursive_inner(12))
