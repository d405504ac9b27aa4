# Unusual for-loop targets: attributes, subscripts, nested tuples, star
class Obj:
    pass
o = Obj()
for o.attr in range(3):
    pass
print(o.attr)
lst = [None, None]
for lst[0] in "abc":
    pass
print(lst)
d = {}
for d["k"], d["v"] in [(1, 2), (3, 4)]:
    pass
print(d)
for (a, b), *c in [((1, 2), 3, 4), ((5, 6),)]:
    print(a, b, c)
for i, (x, y) in enumerate(zip("ab", [10, 20])):
    print(i, x, y)
mutated = [1, 2, 3]
for v in mutated:
    if v == 1:
        mutated.append(4)
    print("saw", v)
rev = [1, 2, 3, 4]
for v in rev:
    rev.remove(v)
print(rev)
for _ in range(2):
    for _ in range(2):
        pass
print(_)
for x in range(3):
    x = 100
print(x)
