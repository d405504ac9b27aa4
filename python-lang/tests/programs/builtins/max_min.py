# max and min with key, default, multiple args
print(max(3, 1, 2), min(3, 1, 2), max([3, 1, 2]), min("hello"), max("a", "B"), min([[2], [1, 5]]))
print(max([], default=None), min((), default="empty"), max([1], default=5), max(["aa", "b", "ccc"], key=len), min(["aa", "b", "ccc"], key=len))
print(max([1, 3, 2, 3], key=lambda v: v), max([(1, "a"), (1, "b")], key=lambda t: t[0]), min([(1, "a"), (1, "b")], key=lambda t: t[0]))
print(max({"x": 1, "y": 5}), max({"x": 1, "y": 5}.items(), key=lambda kv: kv[1]), max(range(10), key=lambda v: v % 7))
print(max(1, 2.5), min(True, 0), max(-0.0, 0.0), max(0.0, -0.0), max(float("nan"), 1), max(1, float("nan")))
for args, kw in [((), {}), (([],), {}), ((1,), {}), ((1, 2), {"default": 0}), (("a", 1), {})]:
    try:
        print(max(*args, **kw))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    min([], key=len)
except ValueError as e:
    print(type(e).__name__, e)
print(max(iter([4, 8, 1])), min(x * x for x in range(-3, 2)))
