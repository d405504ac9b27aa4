# In-place operators: __iadd__ etc., fallback to binary, and mutability effects
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        print("iadd", x)
        self.items.append(x)
        return self
    def __add__(self, x):
        print("add", x)
        n = Acc()
        n.items = self.items + [x]
        return n
    def __isub__(self, x):
        print("isub returns a new value")
        return "replaced"
    def __imul__(self, x):
        return NotImplemented
    def __mul__(self, x):
        print("mul fallback")
        return self
a = Acc()
alias = a
a += 1
a += 2
print(a is alias, a.items)
a -= 0
print(a)
b = Acc()
b *= 3
print(type(b).__name__)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)
x = OnlyAdd(1)
y = x
x += 5
print(x.v, y.v, x is y)
class R:
    def __radd__(self, o):
        return f"R.radd({o})"
z = 5
z += R()
print(z)
for op in ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@="]:
    class Log:
        def __getattr__(self, name):
            raise AttributeError(name)
    ns = {"v": 12}
    exec(f"v {op} 3", ns) if op != "@=" else None
    print(op, ns["v"])
class IMat:
    def __imatmul__(self, o):
        return "imatmul"
m = IMat()
m @= 1
print(m)
lst = [1]
t = (lst,)
try:
    t[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(t)
