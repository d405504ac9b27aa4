# Bitwise operators and shifts, including negative numbers
vals = [0, 1, 5, 12, -1, -6, 255, -256]
for a in vals:
    print(a, ~a, a << 3, a >> 1, a >> 10, [a & b for b in vals], [a | b for b in vals], [a ^ b for b in vals])
print(1 << 62, 1 << 63, 1 << 64, -1 << 64)
print((1 << 64) >> 64, -1 >> 100, -(1 << 70) >> 69)
try:
    1 << -1
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 >> -1
except ValueError as e:
    print(type(e).__name__, e)
print(0b1010 & 0b0110, 0b1010 | 0b0110, 0b1010 ^ 0b0110)
print(bin(0b1010 ^ -1), bin(-5 & 0xFF))
print(True & False, True | False, True ^ True, type(True & True).__name__, ~True, type(True << 1).__name__)
x = 0xF0
x &= 0x3C; print(x)
x |= 0x01; print(x)
x ^= 0xFF; print(x)
x <<= 4; print(x)
x >>= 2; print(x)
print((5).bit_length(), (-5).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
print((255).bit_count() if hasattr(int, "bit_count") else "n/a", (-7).bit_count())
print(1 + 2 << 3, 1 | 2 ^ 3 & 4, ~0 & 0xF)
