# Star unpacking in assignments, calls, and displays
a, *b, c = range(6)
print(a, b, c)
*a, b = "xyz"
print(a, b)
a, *b = (1,)
print(a, b)
[a, *b], c = [1, 2, 3], 4
print(a, b, c)
for first, *rest in [(1, 2, 3), (4,), "hi"]:
    print(first, rest)
print(*[1, 2], *"ab", *range(2), sep=",")
print([*range(3), *"ab", *(9,)], (*[1], *[2]), {*[1, 2], *{2, 3}}, {**{"a": 1}, "b": 2, **{"a": 3}})
print(*{}, *{}.items(), "end")
def f(*args):
    return args
print(f(*[], *[]), f(*"abc"), f(*range(3), 99, *[100]))
t = *range(3),
print(t, type(t).__name__)
lst = [*"hello"]
print(lst, [*lst[1:3], *lst[3:]])
first, second, *_ = "abcdef"
print(first, second, _)
d1, d2 = {"x": 1}, {"y": 2, "x": 3}
print({**d1, **d2}, dict(**d1, **{"z": 0}))
x = [1, 2, 3]
x[0], *x[1:] = "abc"
print(x)
