# math functions at float edges: inf, nan, signed zero, huge ints
import math
inf, nan = math.inf, math.nan
print(repr(math.sqrt(inf)), repr(math.exp(-inf)), repr(math.atan(inf)), repr(math.tanh(-inf)), repr(math.log(inf)), repr(math.exp(nan)))
print(repr(math.sqrt(-0.0)), repr(math.copysign(0.0, -1)), repr(math.fabs(-0.0)), repr(math.floor(-0.0)), repr(math.atan2(0.0, -0.0)), repr(math.atan2(-0.0, -1)))
print(repr(math.log(10 ** 400)), repr(math.log2(2 ** 1000)), repr(math.log10(10 ** 300)), repr(math.sqrt(10 ** 300)))
print(repr(math.hypot(inf, nan)), repr(math.hypot()), repr(math.fsum([inf, 1])))
try:
    math.fsum([1e308, 1e308, -1e308])
except OverflowError as e:
    print(type(e).__name__, e)
try:
    math.fsum([inf, -inf])
except ValueError as e:
    print(type(e).__name__, e)
print(repr(math.trunc(1e300)) == repr(int(1e300)), math.ceil(1e-300), math.floor(-1e-300))
print(repr(math.pow(-8, 1 / 3)) if False else "skip", repr(math.pow(inf, 0)), repr(math.pow(nan, 0)), repr(math.pow(1, nan)))
try:
    math.pow(-8, 1 / 3)
except ValueError as e:
    print(type(e).__name__, e)
print(repr(math.cos(math.pi)), repr(math.sin(math.pi)), repr(math.tan(math.pi / 4)))
