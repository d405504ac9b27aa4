# object(), issubclass, super, property, classmethod, staticmethod as builtins
o = object()
print(type(o).__name__, isinstance(o, object), hasattr(o, "__dict__"))
try:
    o.x = 1
except AttributeError as e:
    print(type(e).__name__, e)
print(issubclass(int, object), issubclass(bool, int), issubclass(int, (str, float)), issubclass(object, object))
print(type(property()).__name__, type(classmethod(len)).__name__, type(staticmethod(len)).__name__, type(super).__name__)
print(object.__name__, object.__bases__, object().__eq__(1), object().__ne__(1), object.__doc__[:10])
print(callable(object), object.__class__.__name__, type(object.__init__).__name__)
print(NotImplemented.__class__.__name__, Ellipsis.__class__.__name__, ... is Ellipsis, type(None)() is None)
