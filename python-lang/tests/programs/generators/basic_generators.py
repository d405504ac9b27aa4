# Generator functions: laziness, state, exhaustion, return value in StopIteration
def gen():
    print("start")
    yield 1
    print("middle")
    yield 2
    print("end")
    return "result"
g = gen()
print(type(g).__name__, g.__name__, g.__qualname__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)
try:
    next(g)
except StopIteration as e:
    print("again:", e.value, e.args)
print(list(gen()))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
def countdown(n):
    while n > 0:
        yield n
        n -= 1
print(list(countdown(5)), sum(countdown(100)), max(countdown(3)), list(countdown(0)))
def empty():
    return
    yield
print(list(empty()))
def with_yield_expr():
    x = yield
    print("got", x)
    y = yield x * 2
    print("got", y)
g = with_yield_expr()
print(next(g), g.send(21))
try:
    g.send("last")
except StopIteration:
    print("done")
