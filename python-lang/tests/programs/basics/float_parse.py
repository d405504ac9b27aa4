# float() parsing and errors
for s in ["1", "1.5", "-1.5", "  2.5  ", "1e3", "1E-3", ".5", "5.", "-.5e1", "1_000.5", "0x10" if False else "16",
          "inf", "-INF", "nan", "Infinity", "+1.0", "1e400", "-1e400", "1e-400", "00.100", "3.14159265358979323846"]:
    print(repr(s), float(s))
for s in ["", "abc", "1.2.3", "1e", "e5", "1_", "_1.0", "1__0.0", "0x1p3", "1,5", "in f", "--1"]:
    try:
        float(s)
    except ValueError as e:
        print(type(e).__name__, e)
print(float(3), float(-0), float(True), float(2 ** 60), float())
try:
    float(2 ** 2000)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    float(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    float([])
except TypeError as e:
    print(type(e).__name__, e)
print(float(b"2.5"), float(" -7 "))
print(1.5e3 == 1500, 1500.0 == 1500, 0.5 == 1 / 2, 1e3 != 1000)
