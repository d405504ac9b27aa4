# bytearray: mutable bytes
ba = bytearray(b"hello")
print(ba, repr(ba), len(ba), ba[0], ba[1:3], type(ba[1:3]).__name__)
ba[0] = 74
print(ba)
ba[1:3] = b"EE"
print(ba)
ba[1:3] = b"xyz123"
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
ba.append(33)
ba.extend(b"ab")
ba.extend([65, 66])
ba.insert(0, 95)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("a"))
print(ba)
ba.reverse()
print(ba)
ba += b"++"
ba *= 2
print(ba, ba.count(b"+"), ba.find(b"+"), ba.index(43))
for bad in (256, -1):
    try:
        ba[0] = bad
    except ValueError as e:
        print(type(e).__name__, e)
try:
    ba.remove(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    bytearray().pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    ba[0] = b"x"
except TypeError as e:
    print(type(e).__name__, e)
c = ba.copy()
c.clear()
print(c, len(ba) > 0, bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray(b"x") == b"x")
print(bytearray(b"abc").upper(), bytearray(b"a b").split(), type(bytearray(b"a b").split()[0]).__name__, bytes(bytearray(b"q")))
x = bytearray(b"abcdef")
x[::2] = b"XYZ"
print(x)
try:
    x[::2] = b"12"
except ValueError as e:
    print(type(e).__name__, e)
x[10:] = b"!"
print(x, x.hex(), bytearray.fromhex("41 42"))
print(b"abc" + bytearray(b"d"), type(b"abc" + bytearray(b"d")).__name__, type(bytearray(b"d") + b"abc").__name__)
