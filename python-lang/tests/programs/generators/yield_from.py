# yield from: delegation, return values, send/throw pass-through
def inner():
    x = yield "inner-1"
    print("inner got", x)
    y = yield "inner-2"
    print("inner got", y)
    return "inner-result"
def outer():
    r = yield from inner()
    print("outer got result", r)
    yield "outer-after"
    return "outer-result"
g = outer()
print(next(g))
print(g.send("A"))
print(g.send("B"))
try:
    g.send("C")
except StopIteration as e:
    print("final", e.value)
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x * x for x in range(3)))))
def flatten(x):
    if isinstance(x, list):
        for y in x:
            yield from flatten(y)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def catcher():
    while True:
        try:
            yield "ready"
        except KeyError as e:
            print("inner caught", repr(e))
def delegator():
    yield from catcher()
d = delegator()
next(d)
print(d.throw(KeyError("via outer")))
d.close()
def sub_returning():
    yield 1
    return [1, 2]
def collect():
    results = []
    for _ in range(2):
        results.append((yield from sub_returning()))
    return results
c = collect()
print(list(c))
def yf_iter():
    r = yield from [10, 20]
    yield ("list returns", r)
print(list(yf_iter()))
