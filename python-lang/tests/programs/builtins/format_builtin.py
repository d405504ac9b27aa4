# format() builtin with many types and specs
print(format(1234.5678, ",.2f"), format(0.5, "%"), format(42, "x"), format("s", "^5"), format(3, "b"), format(-7, "+05d"))
print(format(1e-3, ".2e"), format(12345678, "_"), format(True, "^6"), format(None), format([1, 2]), format((1,), ""))
try:
    format((1,), ">8")
except TypeError as e:
    print(type(e).__name__, e)
print(format(2.5), format(10 ** 20, ","), format(0.000001, "g"), format(1 / 7, ".10g"), format(1.0, "n"), format(1234, "n"))
print(format(255, "#X"), format(255, "08o"), format(-0.0, "+.1f"), format(float("nan"), "^7"), format(float("-inf"), "010"))
try:
    format(1, "z")
except ValueError as e:
    print(type(e).__name__, e)
try:
    format([], "x")
except TypeError as e:
    print(type(e).__name__, e)
try:
    format(1.5, "d")
except ValueError as e:
    print(type(e).__name__, e)
print(format(12, "c"), format(0x2603, "c"), format(3.0, "%"), format(1234567, ",d"), format(-1234567.891, ",.1f"))
