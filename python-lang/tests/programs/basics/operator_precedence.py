# Operator precedence and associativity
print(2 + 3 * 4 ** 2, (2 + 3) * 4 ** 2, -2 ** 2, (-2) ** 2, 2 ** -1, 2 * -3)
print(1 + 2 << 3, 1 + (2 << 3), 6 & 3 | 8, 6 & (3 | 8), 5 ^ 1 & 3, ~1 + 1, -~1, ~-1)
print(10 - 4 - 3, 10 - (4 - 3), 100 / 10 / 5, 2 ** 2 ** 3, (2 ** 2) ** 3, 7 // 2 * 2, 7 % 4 % 3)
print(not 1 == 2, not (1 == 2), (not 1) == 2, 1 < 2 == 2, (1 < 2) == 2, 3 > 2 > 1 == 1)
print(True or False and False, (True or False) and False, not True or True, not (True or True))
print(1 if 0 else 2 if 0 else 3, (1 if 0 else 2) if 0 else 3, [1, 2][0] + 1, "ab" * 2 + "c", -"abc".count("a"))
print(1 + 2 == 3 and 3 * 2 == 6, 0 or 1 and 2, (0 or 1) and 2, 1 in [1] == True, (1 in [1]) == True)
x = 5
print(x - -x, x+-+-x, - - x, 2*x**2, x**-1, -x**0.5 if x > 0 else 0)
print(3 & 5 == 1, (3 & 5) == 1, 1 | 2 == 3, (1 | 2) == 3, 4 >> 1 + 1, (4 >> 1) + 1)
f = lambda: 0 if False else "lambda-body"
print(f(), (lambda: 1 if False else 2)(), (lambda x: x or "empty")(""))
