# The class body executes like a function body; names, decorators, nested classes
print("before class")
class Body:
    print("inside class body")
    x = 1
    y = x + 1
    for i in range(3):
        y += i
    del i
    if y > 3:
        big = True
    else:
        big = False
    def method(self):
        return self.x
    alias = method
    lst = [1, 2]
    class Nested:
        z = "nested"
print("after class", Body.y, Body.big, Body().alias(), Body.Nested.z, hasattr(Body, "i"))
print(sorted(k for k in Body.__dict__ if not k.startswith("__")))
def make(n):
    class Local:
        value = n
        def get(self):
            return self.value * 2
    return Local
L1, L2 = make(1), make(2)
print(L1().get(), L2().get(), L1 is L2, L1.__qualname__)
class WithDoc:
    "docstring here"
print(WithDoc.__doc__, Body.__doc__)
class Forward:
    def f(self):
        return Forward.__name__
print(Forward().f())
