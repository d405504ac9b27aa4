# inf and nan arithmetic and comparisons
inf = float("inf")
nan = float("nan")
print(inf + 1, inf - inf, inf * 0, inf * -1, -inf * -inf, 1 / inf, -1 / inf)
print(nan + 1, nan * 0, nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan)
print(inf == inf, inf > 1e308, -inf < -1e308, inf == float("infinity"), float("-Infinity"))
print(float("NaN"), float("  inf  "), float("+inf"), float("-nan"))
print(nan in [nan], [nan] == [nan], nan is nan)
x = nan
print(x in [x], [x] == [x], (x,) == (x,))
print(max(1.0, inf), min(-inf, 0), abs(-inf))
print(int(1e10), int(-2.5), int(2.9999), int(-0.5))
for v in (inf, -inf, nan):
    try:
        int(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(inf % 5 if False else "-", 5 % inf, -5 % inf, 5.0 // inf, -5.0 // inf)
print(round(inf) if False else "-", inf.is_integer(), (3.0).is_integer(), (3.5).is_integer())
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.75).as_integer_ratio())
print((255.5).hex(), (1.0).hex(), float.fromhex("0x1.8p1"), (-0.1).hex())
print(1e308 + 1e308, -1e308 - 1e308, 1e-320 / 1e10)
print(0.0 == -0.0, str(-0.0), repr(0.0 * -1), -0.0 + 0.0)
