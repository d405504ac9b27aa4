# bin, oct, hex
for n in [0, 1, -1, 7, 8, 255, -256, 2 ** 64, -(2 ** 64) + 1, True]:
    print(n, bin(n), oct(n), hex(n))
class I:
    def __index__(self):
        return 42
print(bin(I()), oct(I()), hex(I()))
for bad in (1.5, "10", None):
    try:
        bin(bad)
    except TypeError as e:
        print(type(e).__name__, e)
print(int(bin(12345), 2), int(oct(12345), 8), int(hex(12345), 16), int(hex(-99), 0))
