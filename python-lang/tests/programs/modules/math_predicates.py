# math predicates and comparisons
import math
vals = [0.0, -0.0, 1.5, float("inf"), float("-inf"), float("nan"), 1e308, 5e-324]
for v in vals:
    print(repr(v), math.isfinite(v), math.isinf(v), math.isnan(v), math.copysign(1, v))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.0000001), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isclose(float("inf"), float("inf")), math.isclose(float("nan"), float("nan")))
try:
    math.isclose(1, 2, rel_tol=-1)
except ValueError as e:
    print(type(e).__name__, e)
print(math.isfinite(10 ** 300), math.isnan(0), math.isinf(10 ** 308))
try:
    math.isfinite(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
