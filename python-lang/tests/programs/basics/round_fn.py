# round() with ints and floats, banker's rounding, ndigits
for v in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999, 2.675, 1.005, 0.125, 0.375):
    print(v, round(v), round(v, 1), round(v, 2), type(round(v)).__name__, type(round(v, 0)).__name__)
print(round(123456, -2), round(123456, -3), round(-150, -2), round(250, -2), round(350, -2))
print(round(5, -1), round(15, -1), round(25, -1), round(-25, -1), type(round(25, -1)).__name__)
print(round(1234.5678, -2), round(1234.5678, 3), round(-0.0), round(-0.4))
print(round(2 ** 70 + 1, -5), round(7), round(7, 2), round(True))
print(round(1e300, 2), round(1.23456789e-5, 8), round(0.1 + 0.2, 15))
try:
    round(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    round(float("nan"))
except ValueError as e:
    print(type(e).__name__, e)
print(round(float("inf"), 2), round(float("nan"), 1))
try:
    round("1.5")
except TypeError as e:
    print(type(e).__name__, e)
try:
    round(1.5, 1.0)
except TypeError as e:
    print(type(e).__name__, e)
