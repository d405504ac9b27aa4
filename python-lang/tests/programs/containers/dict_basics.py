# dict: insertion order, methods, errors
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, list(d), len(d))
del d["b"]
d["b"] = 200
print(d)
print(d.get("a"), d.get("z"), d.get("z", 0), d.setdefault("a", 9), d.setdefault("n", []), d)
d["n"].append(1)
print(d.pop("n"), d.pop("zz", "dflt"), d)
try:
    d.pop("zz")
except KeyError as e:
    print(type(e).__name__, e, repr(e))
try:
    d["missing"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    d[("tuple", 1)]
except KeyError as e:
    print(type(e).__name__, e)
print(d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
print(dict(a=1, b=2), dict([("k", "v")]), dict({"q": 0}, r=1), dict.fromkeys([1, 2]), dict.fromkeys("ab", 0))
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
try:
    {[]: 1}
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print(type(e).__name__, e)
print({1: "a", 1.0: "b", True: "c"}, {(1, 2): "t"}[(1, 2)], {None: 0}[None])
c = d.copy()
c.clear()
print(c, d == dict(d), {"a": 1, "b": 2} == {"b": 2, "a": 1}, "a" in d, 1 in d)
print(d | {"new": 0}, {"a": 1} | {"a": 2})
d |= {"a": -1}
print(d)
print({**d, "extra": True}, {k: v for k, v in d.items() if isinstance(v, int) and v > 0})
