# Decorators: plain, with arguments, stacked, class decorators, preserving attributes manually
def trace(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        result = fn(*args, **kwargs)
        print("ret", fn.__name__, result)
        return result
    wrapper.__name__ = fn.__name__
    wrapper.__wrapped__ = fn
    return wrapper
@trace
def add(a, b=0):
    return a + b
add(1, b=2)
print(add.__name__, add.__wrapped__(5, 5))
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@repeat(3)
def hi(name):
    return "hi " + name
print(hi("bob"))
order = []
def tag(label):
    order.append("make " + label)
    def deco(fn):
        order.append("apply " + label)
        def w():
            return f"<{label}>{fn()}</{label}>"
        return w
    return deco
@tag("b")
@tag("i")
def text():
    return "t"
print(order, text())
registry = {}
def register(cls):
    registry[cls.__name__] = cls
    cls.registered = True
    return cls
@register
class Thing:
    pass
print(sorted(registry), Thing.registered)
def counted(fn):
    def w(*a):
        w.calls += 1
        return fn(*a)
    w.calls = 0
    return w
@counted
def sq(x):
    return x * x
print(sq(2), sq(3), sq.calls)
@(lambda f: lambda *a: f(*a) * 2)
def base(x):
    return x + 1
print(base(4))
def deco_returning_other(fn):
    return 42
@deco_returning_other
def gone():
    pass
print(gone)
