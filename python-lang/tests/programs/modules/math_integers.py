# math integer functions
import math
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(math.gcd(0, 0), math.gcd(12, -18), math.gcd(2 ** 100, 6 ** 50), math.gcd(), math.gcd(4, 6, 10), math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm())
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10 ** 40 + 1), math.comb(10, 3), math.comb(5, 7), math.perm(5, 2), math.perm(5))
print(math.floor(3.7), math.ceil(3.2), math.trunc(-3.7), math.floor(-0.5), type(math.floor(2.0)).__name__, math.floor(10 ** 20), math.ceil(-(10 ** 20)))
for fn, args in [(math.factorial, (-1,)), (math.factorial, (2.0,)), (math.isqrt, (-1,)), (math.comb, (-1, 2)), (math.gcd, (1.5, 2)), (math.sqrt, (-1,)),
                 (math.log, (0,)), (math.log, (-1,)), (math.floor, (float("inf"),)), (math.floor, (float("nan"),)), (math.exp, (1000,)), (math.acos, (2,)),
                 (math.pow, (0, -1)), (math.fmod, (1, 0)), (math.sqrt, ("4",))]:
    try:
        print(fn.__name__, repr(fn(*args)))
    except (ValueError, TypeError, OverflowError) as e:
        print(fn.__name__, type(e).__name__, e)
