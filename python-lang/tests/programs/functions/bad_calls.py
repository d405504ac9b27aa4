# TypeErrors from bad calls, printed
def f(a, b, /, c, d=4, *, e, f=6):
    pass
def g(x, y=1):
    pass
def h(*, k):
    pass
def n():
    pass
class C:
    def m(self, x):
        pass
calls = [
    lambda: f(1, 2, 3),
    lambda: f(1, 2),
    lambda: f(1, b=2, c=3, e=5),
    lambda: f(1, 2, 3, 4, 5, e=1),
    lambda: f(1, 2, 3, e=1, g=2),
    lambda: f(1, 2, 3, c=3, e=1),
    lambda: g(),
    lambda: g(1, 2, 3),
    lambda: g(1, x=1),
    lambda: g(1, z=1),
    lambda: h(1),
    lambda: h(),
    lambda: n(1),
    lambda: n(a=1),
    lambda: C().m(),
    lambda: C().m(1, 2),
    lambda: C.m(1),
    lambda: g(*5),
    lambda: g(**[1]),
    lambda: g(**{1: 2}),
    lambda: g(1, **{"y": 1}, **{"y": 2}),
    lambda: (lambda: 0)(1),
    lambda: (lambda a, *, b: 0)(1, 2),
    lambda: len(),
    lambda: len([], []),
    lambda: abs(x=1),
    lambda: int("1", 2, 3),
]
for i, c in enumerate(calls):
    try:
        c()
        print(i, "no error")
    except TypeError as e:
        print(i, type(e).__name__, e)
