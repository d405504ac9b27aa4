# __init_subclass__ and __set_name__
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
class Alpha(Plugin):
    pass
class Beta(Plugin, name="b-plugin"):
    pass
class Gamma(Beta):
    pass
print(Plugin.registry, Gamma.plugin_name, hasattr(Plugin, "plugin_name"))
try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
        self.private = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.private, "unset")
    def __set__(self, obj, value):
        setattr(obj, self.private, value)
class Model:
    first = Field()
    second = Field()
m = Model()
print(m.first)
m.first = "one"
print(m.first, m._first, Model.first.name, Model.second.private)
class Late:
    pass
f = Field()
Late.attr = f
print(hasattr(f, "name"))
f.__set_name__(Late, "attr")
class Counted:
    subclasses = 0
    @classmethod
    def __init_subclass__(cls):
        Counted.subclasses += 1
class S1(Counted): pass
class S2(S1): pass
print(Counted.subclasses)
