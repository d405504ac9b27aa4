# dict views: keys, values, items; set operations; live updates
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), "a" in k, 2 in v, ("a", 1) in it, ("a", 2) in it)
d["d"] = 4
print(list(k), list(v), list(it))
print(k & {"a", "z"}, sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}), it & {("b", 2)})
print(k == {"a", "b", "c", "d"}, k <= {"a", "b", "c", "d", "e"}, k.isdisjoint({"x"}))
print(list(reversed(d)), list(reversed(d.values())), list(reversed(d.items())))
try:
    for key in d:
        d["new" + key] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
print(sorted(d))
try:
    for key in d:
        del d[key]
except RuntimeError as e:
    print(type(e).__name__, e)
print(len(d))
dd = {1: "x", 2: "y"}
for key in list(dd):
    del dd[key]
print(dd)
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(list({}.keys()), v == v, d.values() == d.values())
x = {"p": 1}
kv = x.keys()
x.clear()
print(list(kv), len(kv))
mapping = {"one": 1, "two": 2, "three": 3}
print(sorted(mapping.items(), key=lambda kv: kv[1]), max(mapping, key=mapping.get), min(mapping.values()))
print({v: k for k, v in mapping.items()}, dict(zip(mapping.values(), mapping)))
