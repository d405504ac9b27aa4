# property (getter/setter/deleter), staticmethod, classmethod
class Temp:
    count = 0
    def __init__(self, c):
        self._c = c
        Temp.count += 1
    @property
    def celsius(self):
        "The temperature in Celsius."
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        del self._c
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32
    @classmethod
    def from_f(cls, f):
        return cls((f - 32) * 5 / 9)
    @classmethod
    def instances(cls):
        return cls.__name__, cls.count
t = Temp(100)
print(t.celsius, t.fahrenheit, Temp.convert(0), t.convert(100), Temp.from_f(212).celsius, Temp.instances(), t.instances())
t.celsius = 0
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print(type(e).__name__, e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print(type(e).__name__, e)
del t.celsius
try:
    t.celsius
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del t.fahrenheit
except AttributeError as e:
    print(type(e).__name__, e)
print(type(Temp.celsius).__name__, Temp.celsius.__doc__, Temp.fahrenheit.fset, type(Temp.__dict__["convert"]).__name__, type(Temp.__dict__["from_f"]).__name__)
class Sub(Temp):
    pass
print(Sub.from_f(32).__class__.__name__, Sub.instances())
def getx(self):
    return "x via property()"
class Old:
    x = property(getx, doc="old style")
print(Old().x, Old.x.__doc__)
sm = staticmethod(lambda: "raw static")
print(sm(), Temp.__dict__["convert"].__func__(10))
class Computed:
    def __init__(self):
        self.calls = 0
    @property
    def value(self):
        self.calls += 1
        return self.calls
c = Computed()
print(c.value, c.value, c.calls)
