# str/repr of ints, bin/oct/hex and format codes for ints
for n in (0, 1, -1, 255, -255, 4096, 2 ** 40, -(2 ** 65)):
    print(n, repr(n), bin(n), oct(n), hex(n), f"{n:b}", f"{n:o}", f"{n:x}", f"{n:X}", f"{n:#x}", f"{n:#b}")
for n in (0, 7, -7, 1234567, -1234567, 10 ** 12):
    print(f"[{n:10}] [{n:<10}] [{n:^10}] [{n:+}] [{n: }] [{n:010}] [{n:,}] [{n:_}] [{n:_x}] [{n:=+12}]")
print(format(42, "c"), format(65, "c"), format(10, "n"), format(1000, "e"), format(1000, ".2%"))
print(f"{255:08b}", f"{255:#010x}", f"{-255:#06x}", f"{5:*^9}", f"{5:*>+5}", f"{42:d}")
print(str(10 ** 20), str(-0), repr(+000), 1_2_3)
try:
    format(5, "s")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format(5, ".2d")
except ValueError as e:
    print(type(e).__name__, e)
print(format(3, ".2f"), format(3, "g"), format(2 ** 60, "e"), format(-3, "08.3f"))
