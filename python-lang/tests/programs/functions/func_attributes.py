# Function attributes: __name__, __qualname__, __defaults__, __doc__, __dict__, __module__
def top(a, b=1, *args, c, d=2, **kw):
    "Top docstring."
    return a
class Outer:
    def method(self):
        def inner():
            pass
        return inner
    class Nested:
        def deep(self):
            pass
def factory():
    def made():
        pass
    return made
print(top.__name__, top.__qualname__, top.__doc__, top.__defaults__, top.__kwdefaults__, top.__module__)
print(Outer.method.__qualname__, Outer().method().__qualname__, Outer.Nested.deep.__qualname__, factory().__qualname__)
print((lambda: 0).__name__, factory.__doc__, Outer.Nested.__qualname__)
top.custom = "attr"
print(top.custom, top.__dict__)
top.__name__ = "renamed"
print(top.__name__, top.__qualname__)
def annotated(x: int, y: "str" = "s") -> bool:
    pass
print(annotated.__annotations__)
print(callable(top), type(top).__name__, top.__code__.co_name, top.__code__.co_argcount, top.__code__.co_kwonlyargcount)
print(Outer.method.__name__, type(Outer().method).__name__, Outer().method.__func__ is Outer.method, Outer().method.__self__.__class__.__name__)
try:
    top.__defaults__ = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    del top.__name__
except TypeError as e:
    print(type(e).__name__, e)
print(hasattr(top, "__call__"), top.__globals__ is globals(), "top" in top.__globals__)
