# Dict insertion order survives deletion, re-insertion and updates
d = {}
for i, k in enumerate(["z", "y", "x", "w", "v"]):
    d[k] = i
del d["y"]
d["y"] = 10
d["z"] = 100
print(list(d.items()))
for k in ["x", "w"]:
    d.pop(k)
d.update(x=1, a=2)
print(d)
e = dict.fromkeys(range(8))
for k in range(0, 8, 2):
    del e[k]
for k in range(0, 8, 2):
    e[k] = k
print(list(e))
big = {}
for i in range(1000):
    big[i] = i
for i in range(0, 1000, 3):
    del big[i]
print(len(big), list(big)[:5], list(big)[-3:], sum(big))
print({1: 0, 2: 0} == {2: 0, 1: 0}, list({2: 0, 1: 0}), list(reversed({1: 0, 2: 0, 3: 0})))
m = {"b": 1, "a": 2}
m2 = dict(sorted(m.items()))
print(m2, list(m2.values()))
