# Mutable default arguments are evaluated once
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
print(append_to.__defaults__)
def safe(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(safe(1), safe(2))
n = 10
def uses_n(v=n):
    return v
n = 20
print(uses_n())
def counter(d={}):
    d["calls"] = d.get("calls", 0) + 1
    return d["calls"]
print(counter(), counter(), counter({}), counter())
calls = []
def default_source():
    calls.append("evaluated")
    return 5
def f(x=default_source()):
    return x
print(calls, f(), f(), calls)
f.__defaults__ = (99,)
print(f())
def g(a, b=1, *, c=2):
    return a, b, c
g.__kwdefaults__ = {"c": 30}
print(g(0))
