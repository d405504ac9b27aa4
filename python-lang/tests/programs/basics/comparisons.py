# Comparisons across numeric types and chained comparisons
print(1 == 1.0, 1 == True, 0 == False, 2 == 2.0000000001, 1 != 1.0)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 < 2 > 0, 1 == 1 == 1.0, 1 == 1 != 2)
print(2 ** 53 + 1 == float(2 ** 53 + 1), 2 ** 53 + 1 > float(2 ** 53), 10 ** 400 > 1e308)
print(-(10 ** 400) < -1e308, 10 ** 400 < float("inf"), 2 ** 100 == 2.0 ** 100)
calls = []
def v(x):
    calls.append(x)
    return x
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
calls.clear()
print(v(1) < v(5) > v(2) == v(2), calls)
x = 5
print(0 <= x < 10, 0 <= x < 5, x in (1, 5), x not in (1, 5), not x == 5)
print(None == None, None is None, None != 0, None == False)
print("a" < "b", "abc" < "abd", "ab" < "abc", "B" < "a", "" < "a", "Z" == "Z")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, 2) == (1, 2), (1, "a") < (1, "b"), [] < [0])
for a, b in [(1, "a"), ("a", 1), (None, 1), ([1], (1,))]:
    try:
        print(a < b)
    except TypeError as e:
        print(type(e).__name__, e)
print(1 == "1", [1] == (1,), {1: 2} == {1: 2}, {1, 2} == {2, 1}, {} == set())
print(True > False, True + True, False < 0.5, -1 < False)
print((1 < 2) is True, type(1 < 2).__name__)
