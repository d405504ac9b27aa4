# Conversions between ints and bytes
for n in [0, 1, 127, 128, 255, 256, 65535, 2 ** 32, 2 ** 64 - 1]:
    length = max(1, (n.bit_length() + 7) // 8)
    be = n.to_bytes(length, "big")
    le = n.to_bytes(length, "little")
    print(n, be, le, int.from_bytes(be, "big") == n, int.from_bytes(le, "little") == n)
for n in [-1, -128, -129, 127, -32768]:
    b = n.to_bytes(2, "big", signed=True)
    print(n, b, int.from_bytes(b, "big", signed=True))
print(int.from_bytes([1, 2, 3], "big"), int.from_bytes(bytearray(b"\x80"), "big", signed=True), int.from_bytes(b"", "big"))
print((1024).to_bytes(4, byteorder="big"), (5).to_bytes(length=3, byteorder="little"), (0).to_bytes(0, "big"))
try:
    (1).to_bytes(0, "big")
except OverflowError as e:
    print(type(e).__name__, e)
try:
    (128).to_bytes(1, "big", signed=True)
except OverflowError as e:
    print(type(e).__name__, e)
print((255).to_bytes(), int.from_bytes(b"\x05"))
