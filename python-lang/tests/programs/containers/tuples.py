# tuples: construction, packing/unpacking, methods, immutability
t = (1, 2, 3)
e = ()
s = (5,)
n = 5,
print(t, e, s, n, type(n).__name__, len(e), tuple(), tuple([1, 2]), tuple("ab"), tuple(range(3)))
print(t + (4,), t * 2, t[1], t[-1], t[1:], t[::-1], t.index(2), t.count(2), 3 in t)
a, b, c = t
print(a, b, c)
a, *rest = t
print(a, rest)
*init, last = t
print(init, last)
(x, y), z = (1, 2), 3
print(x, y, z)
try:
    t[0] = 9
except TypeError as e:
    print(type(e).__name__, e)
try:
    a, b = t
except ValueError as e:
    print(type(e).__name__, e)
try:
    a, b, c, d = t
except ValueError as e:
    print(type(e).__name__, e)
try:
    t.index(9)
except ValueError as e:
    print(type(e).__name__, e)
lst = [1]
tt = (lst, 2)
lst.append(3)
print(tt)
try:
    tt[0] += [4]
except TypeError as e:
    print(type(e).__name__, e)
print(tt)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), () < (0,), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
try:
    hash(([],))
except TypeError as e:
    print(type(e).__name__, e)
print(repr((1,)), repr(()), repr(((),)), str((1, "a", None)), ((1, 2),), (("x",),))
print(max((3, 1)), min(((2, "b"), (2, "a"))), sorted((3, 1, 2)), sum((1, 2, 3)))
