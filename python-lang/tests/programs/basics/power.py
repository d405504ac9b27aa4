# The ** operator with ints, floats and negatives
for b in (-3, -2, -1, 0, 1, 2, 3):
    print(b, [b ** e for e in range(0, 6)])
print(2 ** -1, 2 ** -2, (-2) ** -3, 10 ** -3)
print(-2 ** 2, (-2) ** 2, 2 ** 3 ** 2, (2 ** 3) ** 2)
print(0 ** 0, 0.0 ** 0, 1 ** -5, (-1) ** -5)
print(4 ** 0.5, 8 ** (1 / 3), 2.0 ** 10, 2 ** 0.0)
print(type(2 ** 2).__name__, type(2 ** -2).__name__, type(2.0 ** 2).__name__)
print((-8) ** (1 / 3))
print(pow(-8, 1 / 3) == (-8) ** (1 / 3))
try:
    0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    10.0 ** 400
except OverflowError as e:
    print(type(e).__name__, e)
print(10 ** 30, 7 ** 23, (-7) ** 23)
print(1.5 ** 2, (-1.5) ** 3, 0.5 ** -2)
x = 3
x **= 4
print(x)
print(pow(3, 4), pow(2, -1), pow(3, 4, 5), pow(-3, 3, 7), pow(3, -1, 7))
