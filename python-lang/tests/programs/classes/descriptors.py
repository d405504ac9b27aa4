# Data and non-data descriptors; lookup precedence
class Data:
    def __get__(self, obj, owner):
        return ("data-get", None if obj is None else type(obj).__name__, owner.__name__)
    def __set__(self, obj, value):
        obj.__dict__["stored"] = value
    def __delete__(self, obj):
        print("data-delete")
class NonData:
    def __get__(self, obj, owner):
        return "nondata-get"
class Host:
    d = Data()
    n = NonData()
h = Host()
print(h.d, Host.d)
h.d = 5
print(h.__dict__, h.d)
h.__dict__["d"] = "instance dict"
print(h.d)
del h.d
print(h.n)
h.n = "shadow"
print(h.n, Host.n)
del h.n
print(h.n)
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__.get(self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        obj.__dict__[self.name] = value
class Person:
    name = Typed(str)
    age = Typed(int)
    def __init__(self, name, age):
        self.name = name
        self.age = age
p = Person("ann", 30)
print(p.name, p.age)
try:
    p.age = "old"
except TypeError as e:
    print(type(e).__name__, e)
class OnlySet:
    def __set__(self, obj, value):
        print("OnlySet.__set__", value)
class H2:
    a = OnlySet()
h2 = H2()
h2.a = 1
print(type(h2.a).__name__)
def plain(self):
    return "bound"
print(plain.__get__(h)(), plain.__get__(None, Host) is plain)
class Meth:
    def m(self):
        return self
mm = Meth()
bound = Meth.__dict__["m"].__get__(mm, Meth)
print(bound() is mm, type(bound).__name__)
