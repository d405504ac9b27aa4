# enumerate and zip (including strict=True)
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate([], 5)), list(enumerate("xy", start=-2)))
e = enumerate(x * x for x in range(3))
print(next(e), next(e), list(e))
print(list(zip()), list(zip([1, 2, 3])), list(zip("ab", [1, 2, 3], (True, False))), dict(zip("abc", range(3))))
print(list(zip(*zip("abc", "xyz"))), [a + b for a, b in zip("ab", "cd")])
print(list(zip([1, 2], [3, 4], strict=True)))
for args in [([1, 2], [3]), ([1], [2, 3]), ([1, 2], [3, 4], [5])]:
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print(type(e).__name__, e)
z = zip([1, 2, 3], [4, 5], strict=True)
print(next(z), next(z))
try:
    next(z)
except ValueError as e:
    print(type(e).__name__, e)
try:
    zip(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    enumerate(5)
except TypeError as e:
    print(type(e).__name__, e)
consumed = []
def src(name, n):
    for i in range(n):
        consumed.append(f"{name}{i}")
        yield i
print(list(zip(src("a", 3), src("b", 1))), consumed)
