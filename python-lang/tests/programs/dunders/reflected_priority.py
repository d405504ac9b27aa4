# Subclass reflected methods take priority over the left operand's method
class Base:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return f"Base.add({type(o).__name__})"
    def __radd__(self, o):
        return f"Base.radd({type(o).__name__})"
    def __lt__(self, o):
        return f"Base.lt({type(o).__name__})"
    def __gt__(self, o):
        return f"Base.gt({type(o).__name__})"
class Derived(Base):
    def __radd__(self, o):
        return f"Derived.radd({type(o).__name__})"
    def __gt__(self, o):
        return f"Derived.gt({type(o).__name__})"
b, d = Base(1), Derived(2)
print(b + d, d + b, b + b, 1 + b, b < d, d < b, b > d, 5 < d)
class NotOverriding(Base):
    pass
print(b + NotOverriding(0))
class Refuse:
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return NotImplemented
try:
    Refuse() + Refuse()
except TypeError as e:
    print(type(e).__name__, e)
class IntSub(int):
    def __radd__(self, o):
        return "IntSub.radd wins"
    def __rsub__(self, o):
        return "IntSub.rsub wins"
print(1 + IntSub(2), 5 - IntSub(1), IntSub(2) + 1)
class StrSub(str):
    def __radd__(self, o):
        return "StrSub.radd"
print("a" + StrSub("b"))
class FloatLike:
    def __radd__(self, o):
        return "FloatLike.radd"
    def __rmul__(self, o):
        return "FloatLike.rmul"
print(1.5 + FloatLike(), [1] * FloatLike() if False else 2 * FloatLike())
