# Methods and attributes of int and float
print((10).to_bytes(2, "big"), (10).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"\xff\xfe", "big", signed=True))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
try:
    (-1).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
print((7).numerator, (7).denominator, (7).real, (7).imag, (7).conjugate())
print((-7).__abs__(), (7).__neg__(), (3).__add__(4), (3).__radd__(4), (3).__add__(4.0))
print((6).__truediv__(4), (6).__floordiv__(4), (6).__mod__(4), (6).__pow__(2), (6).__rsub__(10))
print((2.5).__floor__() if hasattr(float, "__floor__") else "-", (2.5).__trunc__(), (-2.5).__trunc__())
print((1.5).real, (1.5).imag, (1.5).conjugate(), float.__name__)
print((12).as_integer_ratio(), (3.75).as_integer_ratio())
print(int.__name__, int.__mro__[1].__name__, bool.__mro__[1].__name__)
print((5).__eq__(5), (5).__eq__(5.0), (5).__eq__("5"), (5).__lt__(6), (5.0).__eq__(5))
print((5).__index__(), (1 << 70).__index__() == 1 << 70)
print(int.__add__(1, 2), float.__mul__(2.0, 3.0), int.__bool__(0), float.__bool__(0.5))
