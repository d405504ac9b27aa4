# bytes vs bytearray equality, hashing and dict keys
a = b"key"
ba = bytearray(b"key")
print(a == ba, ba == a, a is ba, type(a) == type(ba))
d = {a: 1}
print(d[b"key"], b"key" in d)
try:
    hash(ba)
except TypeError as e:
    print(type(e).__name__, e)
try:
    {ba: 1}
except TypeError as e:
    print(type(e).__name__, e)
print(hash(b"abc") == hash(b"abc"), {b"x", b"x", b"y"} == {b"y", b"x"})
print(b"abc" < b"abd", bytearray(b"b") > b"a", b"abc" <= bytearray(b"abc"), b"" < b"\x00")
print(b"1" == 1, b"a" == "a", bytes(2) == b"\x00\x00", bytearray() == b"")
print(b"abc".startswith(bytearray(b"ab")), bytearray(b"xyz").endswith(b"z"), b"a-b".split(bytearray(b"-")))
print(frozenset([b"a", b"a"]) == frozenset([b"a"]), sorted({b"b": 1, b"a": 2}))
