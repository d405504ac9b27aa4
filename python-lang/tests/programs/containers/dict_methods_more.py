# More dict behaviour: setdefault chains, get vs [], fromkeys sharing, copy shallowness, equality
d = dict.fromkeys(["a", "b"], [])
d["a"].append(1)
print(d, d["a"] is d["b"])
groups = {}
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
nested = {"x": {"y": 1}}
shallow = nested.copy()
shallow["x"]["y"] = 2
shallow["z"] = 3
print(nested, shallow)
print({1: "a"} == {1.0: "a"}, {"a": 1} == {"a": 1.0}, {"a": [1]} != {"a": [1]}, dict(a=1) == {"a": 1})
print(len({i: i for i in range(100)}), {i % 3: i for i in range(10)})
inventory = {"apples": 3, "pears": 0}
for k in [k for k, v in inventory.items() if v == 0]:
    del inventory[k]
print(inventory)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()), max(counts, key=counts.get))
merged = {**{"a": 1, "b": 2}, **{"b": 3, "c": 4}}
print(merged, list(merged.keys()))
try:
    {}.update(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict(1)
except TypeError as e:
    print(type(e).__name__, e)
print(dict([("a", 1)], a=2), {}.get("x", []), {None: 1}.get(None))
