# filter and map
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x % 2, range(10))), list(filter(str.isdigit, "a1b22c")))
print(list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(pow, [2, 3], [5, 2], [3, 5])))
m = map(int, ["1", "x", "3"])
print(next(m))
try:
    next(m)
except ValueError as e:
    print(type(e).__name__, e)
print(next(m))
try:
    map(len)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(map(5, [1]))
except TypeError as e:
    print(type(e).__name__, e)
print(list(map(len, ["a", "bb"], )), list(filter(lambda s: s, map(str.strip, [" a ", "  ", "b"]))))
print(sum(map(int, "12345")), max(map(len, "the quick brown".split())), sorted(map(abs, [-3, 1, -2])))
print(type(map(str, [])).__name__, type(filter(None, [])).__name__)
