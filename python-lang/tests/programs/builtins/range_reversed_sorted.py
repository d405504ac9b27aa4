# range, reversed, sorted
print(list(range(5)), list(range(2, 8, 3)), list(range(5, 0, -2)), range(3) == range(0, 3))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1,))), list(reversed({"a": 1, "b": 2})))
for bad in (5, {1, 2}, iter([1])):
    try:
        reversed(bad)
    except TypeError as e:
        print(type(e).__name__, e)
class Rev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(Rev())))
print(sorted([3, 1, 2]), sorted("bca"), sorted([3, 1, 2], reverse=True), sorted({"b": 1, "a": 2}), sorted(x % 5 for x in range(12)))
print(sorted(["B", "a", "C"], key=str.lower), sorted([(2, "b"), (1, "z"), (2, "a")]), sorted([], reverse=True))
try:
    sorted([1, 2], key=1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted()
except TypeError as e:
    print(type(e).__name__, e)
try:
    sorted([3, 1], None)
except TypeError as e:
    print(type(e).__name__, e)
