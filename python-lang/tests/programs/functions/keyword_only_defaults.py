# Keyword-only and positional-only parameters with defaults, introspected and called many ways
def f(a, /, b=2, *, c, d=4):
    return f"a={a} b={b} c={c} d={d}"
print(f(1, c=3), f(1, 5, c=3), f(1, b=6, c=3, d=7), f(*[1], **{"c": 0}))
print(f.__defaults__, f.__kwdefaults__, f.__code__.co_posonlyargcount, f.__code__.co_kwonlyargcount)
def g(*, x=1, y):
    return x, y
print(g(y=2), g(x=0, y=0))
def h(a, b=None, /):
    return a, b
print(h(1), h(1, 2))
try:
    h(a=1)
except TypeError as e:
    print(type(e).__name__, e)
def kw_names(**kwargs):
    return sorted(kwargs)
print(kw_names(**{"z": 1, "a": 2}), kw_names(), kw_names(**{"if": 1, "class": 2}))
def pos_and_kwargs_same_name(name, /, **kwargs):
    return name, kwargs
print(pos_and_kwargs_same_name("pos", name="kw"))
def defaults_eval_order(a=print("default a evaluated") or 1, *, b=print("default b evaluated") or 2):
    return a, b
print(defaults_eval_order())
