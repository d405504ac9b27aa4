# Complex numbers basics
a = 3 + 4j
b = 1 - 2j
print(a, b, a + b, a - b, a * b, a / b, -a, +a, abs(a))
print(a.real, a.imag, a.conjugate(), type(a).__name__, type(a.real).__name__)
print(1j * 1j, 1j ** 2, (1 + 1j) ** 2, 2 ** 1j == 2 ** 1j)
print(complex(1, 2), complex("3+4j"), complex("-1.5j"), complex(2), complex(), complex(" 1+2j "))
print(repr(1j), repr(-1j), repr(0j), repr(-0j), repr(1 + 0j), repr(complex(0, -0.0)), repr(complex(-0.0, 0)))
print(complex(1e300, 1e300) * 0 if False else "skip", (1 + 2j) == (1 + 2j), 1 + 0j == 1, (2j).imag)
print(repr(complex(float("inf"), float("nan"))), repr(1e20j), repr(1.5e-7j))
try:
    (1 + 1j) < (2 + 2j)
except TypeError as e:
    print(type(e).__name__, e)
try:
    1j / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    complex("1+")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(1j)
except TypeError as e:
    print(type(e).__name__, e)
print(f"{a}", f"{a:.2f}", format(b, ">12"), str(complex(1, 2.5)))
print(bool(0j), bool(1j), hash(1 + 0j) == hash(1))
