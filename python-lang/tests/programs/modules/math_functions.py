# math: the common functions, printed with repr
import math
vals = [0.0, 0.5, 1.0, 2.0, 10.0]
for name in ["sqrt", "exp", "log1p", "expm1", "sin", "cos", "tan", "atan", "sinh", "cosh", "tanh", "asinh", "fabs", "floor", "ceil", "trunc"]:
    f = getattr(math, name)
    print(name, [repr(f(v)) for v in vals])
for name in ["log", "log2", "log10", "acosh"]:
    f = getattr(math, name)
    print(name, [repr(f(v)) for v in [1.0, 2.0, 10.0, 1e10]])
for name in ["asin", "acos", "atanh"]:
    f = getattr(math, name)
    print(name, [repr(f(v)) for v in [-0.5, 0.0, 0.5]])
print(repr(math.log(8, 2)), repr(math.log(100, 10)), repr(math.pow(2, 0.5)), repr(math.atan2(1, -1)), repr(math.hypot(3, 4)), repr(math.hypot(1, 2, 2)))
print(repr(math.pi), repr(math.e), repr(math.tau), repr(math.inf), repr(math.nan), repr(-math.inf))
print(repr(math.degrees(math.pi)), repr(math.radians(180)), repr(math.copysign(3, -0.0)), repr(math.fmod(-7, 3)), repr(math.fmod(7, -3)))
print(repr(math.remainder(7, 3)), repr(math.remainder(8, 3)), repr(math.modf(-3.75)), repr(math.frexp(48.0)), repr(math.ldexp(0.75, 6)))
print(repr(math.fsum([0.1] * 10)), repr(sum([0.1] * 10)), repr(math.prod([1, 2, 3, 4])), repr(math.prod([1.5, 2], start=2)))
print(repr(math.dist((0, 0), (3, 4))), repr(math.cbrt(27)), repr(math.exp2(10)), repr(math.nextafter(1.0, 2.0)), repr(math.ulp(1.0)))
print(repr(math.gamma(5)), repr(math.lgamma(10)), repr(math.erf(1)), repr(math.erfc(1)), repr(math.gamma(0.5)))
