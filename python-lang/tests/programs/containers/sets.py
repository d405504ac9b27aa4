# set and frozenset operations (small ints only for printing order)
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [7]), a.intersection(b, {4}), a.difference([1], [2]), sorted(a.symmetric_difference([1, 9])))
print(a <= b, {1, 2} <= a, {1, 2} < a, a < a, a >= {1}, a > a, a.issubset(range(10)), a.issuperset([1, 2]), a.isdisjoint({9}))
c = set()
c.add(5); c.add(5); c.add(1)
c.update([2, 3], {4})
print(c, len(c))
c.discard(99); c.discard(5); c.remove(1)
print(c)
try:
    c.remove(99)
except KeyError as e:
    print(type(e).__name__, e)
p = {6}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print(type(e).__name__, e)
s = {1, 2, 3}
s |= {4}; s &= {2, 3, 4, 5}; s -= {2}; s ^= {9, 3}
print(sorted(s))
s.intersection_update([4, 9, 11]); print(sorted(s))
s.difference_update([4]); print(sorted(s))
s.symmetric_difference_update([1, 9]); print(sorted(s))
f = frozenset([3, 1, 2])
print(f, sorted(f | {9}), type(f | {9}).__name__, type({9} | f).__name__, f == {1, 2, 3}, hash(f) == hash(frozenset({1, 2, 3})))
print({f: "frozen"}[frozenset([1, 2, 3])], frozenset(), set(), repr(set()), {frozenset(): 1})
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
try:
    {{1}}
except TypeError as e:
    print(type(e).__name__, e)
try:
    f.add(1)
except AttributeError as e:
    print(type(e).__name__, e)
print(sorted({"pear", "apple", "fig"}), sorted({x % 7 for x in range(50)}), {1, 1.0, True}, len({0, 0.0, False, -0.0}))
print(set("aab") == {"a", "b"}, sorted(set([3, 3, 1])), 2 in {1, 2}, [] == [] and set() == frozenset())
