# Mixed int/float arithmetic and conversions
print(1 + 1.0, 3 * 0.5, 7 - 0.5, 10 / 4, 10 // 4.0, 10 % 4.0, 2 ** 0.5 * 2 ** 0.5)
print(type(1 + 1.0).__name__, type(1 // 1.0).__name__, type(True + 1.5).__name__)
print(0.1 + 0.7, 0.1 * 0.1, 1.1 * 1.1, 3 * 1.1, 100 * 1.1, 1 - 0.9)
print(1e16 + 1, 1e16 + 2, 2 ** 53 + 1.0, float(2 ** 53 + 1))
print(int(2.5 * 2), int(0.1 * 3 * 10), round(0.1 * 3 * 10))
print(10 ** 20 / 10 ** 10, 10 ** 30 // 1e10, (10 ** 30) / 3)
try:
    (10 ** 400) / 1.5
except OverflowError as e:
    print(type(e).__name__, e)
try:
    (10 ** 400) * 1.5
except OverflowError as e:
    print(type(e).__name__, e)
print((10 ** 400) / (10 ** 399), (10 ** 400) // (10 ** 398), 1 / (10 ** 400))
print(sum([0.1] * 10), sum([0.1] * 10) == 1.0)
print(abs(-3), abs(-3.5), abs(3), abs(-0.0), abs(-(2 ** 80)))
print(max(1, 2.0), min(1, 1.0), max(1.0, 1), max(-0.0, 0.0), min(0.0, -0.0))
print(3 == 3.0 == 3 + 0j, hash(3) == hash(3.0), 0.5 + 0.5 == 1)
print(7 / 2, -7 / 2, 7 // 2, -7 // 2, 7.0 // -2, int(7 / 2), int(-7 / 2))
