# str() constructor, decoding, str subclass behaviour
print(str(b"abc"), str(b"abc", "ascii"), str(b"h\xc3\xa9", "utf-8"), str(bytearray(b"x"), encoding="utf-8"))
print(str(b"a\xffb", "utf-8", "replace"), str(object=5), str(encoding="utf-8", object=b"z"))
try:
    str(5, "utf-8")
except TypeError as e:
    print(type(e).__name__, e)
try:
    str(b"\xff", "ascii")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
class S(str):
    def shout(self):
        return self.upper() + "!"
s = S("hey")
print(s, repr(s), s.shout(), type(s).__name__, type(s + "x").__name__, type(s.upper()).__name__, isinstance(s, str))
print(s == "hey", len(s), s[0], type(s[0]).__name__, str(s) == s, type(str(s)).__name__)
class R(str):
    def __str__(self):
        return "custom"
    def __repr__(self):
        return "R(...)"
r = R("base")
print(str(r), repr(r), f"{r}", "%s" % r, r + "!", [r], format(r))
print(str(None), str(...), str(NotImplemented), str(int), str(print)[:20] if False else "skip")
