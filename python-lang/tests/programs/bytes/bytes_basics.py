# bytes literals, construction, indexing, repr
b = b"hello"
print(b, repr(b), len(b), b[0], b[-1], b[1:3], b[::-1], b[::2], type(b[0]).__name__, type(b[0:1]).__name__)
print(bytes(3), bytes([65, 66, 67]), bytes(range(5)), bytes(b"abc"), bytes(bytearray(b"xy")), bytes())
print(bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"), b"\x00\x7f\x80\xff", b"'", b'"', b"'\"")
print(b"\t\n\r\\", repr(b"\x0b\x0c"), b"A\x42C", rb"\n", len(rb"\n"), b"a" b"b")
for bad in ([256], [-1], ["a"], "str", 1.5):
    try:
        print(bytes(bad))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    bytes(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    b[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
print(b + b" world", b * 2, 2 * b"ab", b"ab" * 0, b"" + b"")
try:
    b + "x"
except TypeError as e:
    print(type(e).__name__, e)
print(b == b"hello", b < b"help", b"a" < b"ab", b"abc" == "abc", 104 in b, b"ell" in b, b"" in b)
try:
    "x" in b
except TypeError as e:
    print(type(e).__name__, e)
print(list(b), tuple(b"\x01\x02"), [c for c in b"AZ"], sum(b"abc"), max(b"abc"), sorted(b"cab"))
print(hash(b"") == hash(b""), b"abc".__len__(), bytes.fromhex("de ad be ef"), b"\xde\xad".hex(), b"\x01\x02\x03".hex(":"))
print(b"abcdef".hex("-", 2), b"".hex(), bytes.fromhex(""), b"\xff".hex().upper())
try:
    bytes.fromhex("zz")
except ValueError as e:
    print(type(e).__name__, e)
