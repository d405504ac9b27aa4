# type, vars, dir (sorted, of small classes)
class Small:
    a = 1
    def m(self):
        pass
s = Small()
s.inst = 2
print(type(s).__name__, type(Small).__name__, type(type(s)) is type, vars(s), sorted(k for k in vars(Small) if not k.startswith("__")))
print([n for n in dir(s) if not n.startswith("_")], [n for n in dir(Small) if not n.startswith("_")])
dunders = [n for n in dir(s) if n.startswith("__")]
print(len(dunders) > 20, "__init__" in dunders, "__dict__" in dunders, "__weakref__" in dunders, dunders == sorted(dunders))
print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir("") if not n.startswith("_")][:10])
print([n for n in dir({}) if not n.startswith("_")])
print([n for n in dir(1) if not n.startswith("_")])
class WithDir:
    def __dir__(self):
        return ["z", "a", "m"]
print(dir(WithDir()))
def f():
    x = 1
    y = 2
    return sorted(dir())
print(f())
try:
    vars(1)
except TypeError as e:
    print(type(e).__name__, e)
print(type("Made", (), {"k": 1}).k)
