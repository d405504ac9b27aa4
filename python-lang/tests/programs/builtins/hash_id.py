# hash (ints and tuples of ints only) and id identity comparisons
print(hash(0), hash(1), hash(-1), hash(-2), hash(10 ** 6), hash(2 ** 61 - 2), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)))
print(hash(2 ** 100), hash(-(2 ** 100)), hash(True), hash(False), hash(1.0), hash(2.5) == hash(2.5), hash(0.0) == hash(-0.0))
print(hash((1, 2)), hash(()), hash((1, (2, 3))), hash((-1,)), hash((0, 0)), hash((1, 2)) == hash((1, 2)))
print(hash(frozenset()) == hash(frozenset()), hash(range(0)) == hash(range(0)))
for v in ([], {}, set(), bytearray()):
    try:
        hash(v)
    except TypeError as e:
        print(type(e).__name__, e)
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), a is b, a is c, id(None) == id(None), type(id(a)).__name__)
x = object()
ids = {id(x)}
print(id(x) in ids, id(object) == id(object))
