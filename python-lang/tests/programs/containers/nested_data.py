# Nested containers, copying semantics, aliasing, repr of recursive structures
a = [1, [2, 3], {"k": [4]}]
b = a[:]
b[1].append(99)
b[0] = "changed"
print(a, b)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
bad = [[0] * 3] * 3
bad[1][1] = 5
print(bad)
r = [1, 2]
r.append(r)
print(r, len(r), r[2] is r)
d = {"self": None}
d["self"] = d
print(d)
t = ([],)
t[0].append(t)
print(t)
s = {"k": [1, {"n": (2, [3])}]}
print(s["k"][1]["n"][1][0], repr(s))
def deep_copy(x):
    if isinstance(x, list):
        return [deep_copy(i) for i in x]
    if isinstance(x, dict):
        return {k: deep_copy(v) for k, v in x.items()}
    return x
orig = {"a": [1, [2]], "b": {"c": [3]}}
cp = deep_copy(orig)
cp["a"][1].append(20)
print(orig, cp, orig == cp)
inv = {}
for k, vs in {"x": [1, 2], "y": [2, 3]}.items():
    for v in vs:
        inv.setdefault(v, []).append(k)
print(inv)
