import sys
def g():
    return sys._getframe()
def h(n):
    f = sys._getframe()
    return f, n
frames = [g() for _ in range(3)]
print(len(set(id(f) for f in frames)), [f.f_code.co_name for f in frames])
a = h(1); b = h(2)
print(a[0] is b[0], a[1], b[1], a[0].f_back.f_code.co_name)
def boom(x):
    if x: raise ValueError(x)
    return x
tbs = []
for i in range(3):
    try:
        boom(i)
    except ValueError as e:
        tbs.append(e.__traceback__)
print([t.tb_next.tb_frame.f_code.co_name for t in tbs])
def gen():
    yield sys._getframe().f_back.f_code.co_name
    yield 2
def caller():
    it = gen()
    return next(it), it
v, it = caller()
print(v, it.gi_frame.f_back)
def rec(n):
    return n if n == 0 else rec(n - 1) + 1
print(rec(50), rec(10))
def loc(a, b=2, *c, d=4, **e):
    x = a
    return locals()
print(loc(1), loc(1, 3, 5, d=6, z=7), loc(9))
