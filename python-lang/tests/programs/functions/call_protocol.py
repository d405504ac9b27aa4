# Calling various callables: bound methods, classes, __call__, builtins, staticmethods
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x):
        return x + self.n
    def method(self, x):
        return x * self.n
add5 = Adder(5)
print(add5(1), callable(add5), callable(Adder), callable(1), callable(print), callable(Adder.method))
m = add5.method
print(m(3), Adder.method(add5, 3), m.__self__ is add5, m.__func__ is Adder.method, m == add5.method, m is add5.method)
for fn in [len, str.upper, "x".join, [1, 2].index, {}.get, int, Adder]:
    print(type(fn).__name__, end=" ")
print()
print(list(map(Adder(10), [1, 2])), sorted([3, 1, 2], key=Adder(-1)))
class NotCallable:
    pass
try:
    NotCallable()()
except TypeError as e:
    print(type(e).__name__, e)
class CallViaClass:
    pass
CallViaClass.__call__ = lambda self: "late-bound"
print(CallViaClass()())
obj = Adder(1)
obj.__call__ = lambda x: "instance attribute ignored"
print(obj(1))
print(int.__call__("7"), type.__call__(int, "8"), Adder.__call__(add5, 0))
