# Floor division and modulo with every sign combination
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (0, -3), (6, 3), (-6, 3),
         (1, 10), (-1, 10), (1, -10), (-1, -10), (123456789, 1000), (-123456789, 1000)]
for a, b in pairs:
    q, r = a // b, a % b
    print(a, b, q, r, divmod(a, b), q * b + r == a, a / b)
for a in (7, -7):
    try:
        a // 0
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
    try:
        a % 0
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
    try:
        a / 0
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
    try:
        divmod(a, 0)
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
print(10 // 3 * 3 + 10 % 3)
print(2 ** 100 // 3, 2 ** 100 % 3, -(2 ** 100) // 7, -(2 ** 100) % 7)
print(divmod(2 ** 70, -12345), divmod(-(10 ** 30), 999))
print(7 / 7, type(7 / 7).__name__, 1 / 3, -1 / 3, 2 / 3)
