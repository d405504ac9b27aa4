# int() parsing with bases, whitespace, underscores and errors
cases = ["0", "42", "-42", "+7", "  12  ", "\t\n-3\n", "1_000", "0_0", "007", "000"]
for s in cases:
    print(repr(s), int(s))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("0o17", 0), int("0b101", 0))
print(int("z", 36), int("Zz", 36), int("101", 2), int("-101", 2), int("777", 8), int("10", 3))
print(int("0", 0), int("1_0", 0), int(" 0x_1f ", 0), int("12", base=5))
bad = ["", " ", "1.5", "abc", "1__0", "_1", "1_", "0x", "++1", "1e3", "0o8", "٣"]
for s in bad:
    try:
        print(repr(s), int(s))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
for s, b in [("2", 2), ("08", 0), ("g", 16), ("12", 1), ("12", 37)]:
    try:
        print(int(s, b))
    except ValueError as e:
        print(type(e).__name__, e)
print(int(3.99), int(-3.99), int(True), int(False), int(10 ** 20 + 0.0))
try:
    int(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(12, 10)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int([1])
except TypeError as e:
    print(type(e).__name__, e)
print(int(), int("  -0  "), int("١٢٣"))
print(int(b"42"), int(bytearray(b" 17 ")))
