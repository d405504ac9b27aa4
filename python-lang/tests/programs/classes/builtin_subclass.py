# Subclassing list and dict and overriding methods
class Stack(list):
    def push(self, x):
        self.append(x)
        return self
    def peek(self):
        return self[-1]
s = Stack([1, 2])
s.push(3).push(4)
print(s, s.peek(), len(s), type(s).__name__, type(s + [5]).__name__, type(s[1:]).__name__, isinstance(s, list))
class DefaultDict(dict):
    def __init__(self, factory, *a, **kw):
        super().__init__(*a, **kw)
        self.factory = factory
    def __missing__(self, key):
        v = self[key] = self.factory()
        return v
dd = DefaultDict(list)
dd["a"].append(1)
dd["b"].append(2)
dd["a"].append(3)
print(dd, dd.get("zz"), "zz" in dd, len(dd))
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
u = Upper()
u["x"] = 1
u.update(y=2)
print(u)
class Loud(list):
    def __len__(self):
        return 99
l = Loud([1])
print(len(l), bool(l), list(l))
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "hello":
    c[ch] += 1
print(c, c["z"], "z" in c)
class MyInt(int):
    def __add__(self, other):
        return MyInt(int(self) + int(other) + 1000)
print(MyInt(1) + 2, 2 + MyInt(1), type(MyInt(1) + 2).__name__, type(MyInt(1) * 2).__name__)
