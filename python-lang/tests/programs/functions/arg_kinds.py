# Every parameter kind and how arguments bind to them
def f(a, b, /, c, d=4, *args, e, f=6, **kwargs):
    return (a, b, c, d, args, e, f, kwargs)
print(f(1, 2, 3, e=5))
print(f(1, 2, c=3, e=5))
print(f(1, 2, 3, 40, 50, 60, e=5, f=7, g=8, a=9))
print(f(*[1, 2, 3], **{"e": 5, "z": 0}))
def g(x, y=2, *, z=3):
    return x, y, z
print(g(1), g(1, 5), g(1, z=9), g(x=0, y=1, z=2), g(y=7, x=8))
def h(*args, **kwargs):
    return args, kwargs
print(h(), h(1, 2), h(a=1), h(1, *[2, 3], *(4,), b=2, **{"c": 3}, **{"d": 4}))
def only_kw(*, k):
    return k
print(only_kw(k="kw"))
def pos_only(a, b=2, /):
    return a, b
print(pos_only(1), pos_only(1, 3))
def defaults(a, b=[], c={}, d=None):
    return a, b, c, d
print(defaults(1), defaults.__defaults__, defaults.__kwdefaults__, g.__kwdefaults__, f.__kwdefaults__)
print(f.__code__.co_argcount, f.__code__.co_posonlyargcount, f.__code__.co_kwonlyargcount, f.__code__.co_varnames[:8])
def kw_and_pos(a, *args, b):
    return a, args, b
print(kw_and_pos(1, 2, 3, b=4), kw_and_pos(a=1, b=2))
def names_in_kwargs(a, /, **kw):
    return a, kw
print(names_in_kwargs(1, a=2))
