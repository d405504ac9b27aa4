# divmod, pow (2 and 3 args), round
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5), divmod(17.5, 5), divmod(-0.5, 1), divmod(2 ** 65, 3))
for a, b in [(1, 0), (1.0, 0), ("a", 1)]:
    try:
        divmod(a, b)
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__, e)
print(pow(2, 10), pow(2, -2), pow(2.5, 2), pow(-2, 3), pow(4, 0.5), pow(0, 0), pow(base=3, exp=2))
print(pow(3, 200, 1000), pow(7, -1, 11), pow(-5, 3, 13), pow(2, 10, -7), pow(5, 0, 1), pow(123456789, 987654321, 10 ** 9 + 7))
for args in [(2, 3, 0), (2.0, 3, 5), (2, -1, 4), (2, 1.5, 3)]:
    try:
        print(pow(*args))
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(round(3.14159, 3), round(-2.5), round(2.5), round(17, -1), round(15, -1), round(0.5 + 1e-9), round(1e20), round(-1e-20, 5))
