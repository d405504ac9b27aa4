# __call__, __repr__, __str__, __format__, __bytes__
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents})"
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
    def __format__(self, spec):
        if spec == "cents":
            return f"{self.cents}c"
        return format(str(self), spec)
    def __call__(self, factor):
        return Money(self.cents * factor)
    def __bytes__(self):
        return str(self).encode()
m = Money(1234)
print(m, repr(m), str(m), [m], (m,), {"k": m}, f"{m}", f"{m!r}", f"{m:cents}", f"{m:>10}|", format(m, "^9"))
print("%s %r" % (m, m), "{} {!r} {:cents}".format(m, m, m), m(2), bytes(m))
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"
print(OnlyRepr(), str(OnlyRepr()), f"{OnlyRepr()}", format(OnlyRepr(), ""))
try:
    format(OnlyRepr(), "x")
except TypeError as e:
    print(type(e).__name__, e)
class OnlyStr:
    def __str__(self):
        return "OnlyStr!"
print(OnlyStr(), str(OnlyStr()), repr(OnlyStr()).startswith("<__main__.OnlyStr object at "))
class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(type(e).__name__, e)
class BadStr:
    def __str__(self):
        return None
try:
    str(BadStr())
except TypeError as e:
    print(type(e).__name__, e)
class BadFormat:
    def __format__(self, spec):
        return 1
try:
    f"{BadFormat()}"
except TypeError as e:
    print(type(e).__name__, e)
class StrSub(str):
    pass
class ReprSub:
    def __repr__(self):
        return StrSub("sub-repr")
print(repr(ReprSub()), type(repr(ReprSub())).__name__)
