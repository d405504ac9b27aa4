# partition/rpartition, center/ljust/rjust/zfill
for s in ["key=value", "key=", "=value", "novalue", "a=b=c", ""]:
    print(repr(s), s.partition("="), s.rpartition("="))
try:
    "abc".partition("")
except ValueError as e:
    print(type(e).__name__, e)
for w in (0, 3, 8, 9):
    print(repr("abc".center(w)), repr("abc".ljust(w, "*")), repr("abc".rjust(w, "-")), repr("abcd".center(w, ".")))
print(repr("a".center(4)), repr("ab".center(5)), repr("ab".center(6, "#")), repr("".center(3, "x")))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "abc".zfill(6), "".zfill(3), "12345".zfill(2), "-".zfill(3))
try:
    "a".center(5, "ab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a".ljust("5")
except TypeError as e:
    print(type(e).__name__, e)
