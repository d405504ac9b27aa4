# __eq__ and __hash__ interplay: unhashable when __eq__ defined without __hash__
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return isinstance(o, Key) and self.k == o.k
    def __hash__(self):
        return hash(self.k)
    def __repr__(self):
        return f"Key({self.k})"
d = {Key(1): "one", Key(2): "two"}
print(d[Key(1)], Key(2) in d, Key(3) in d, len({Key(1), Key(1), Key(2)}))
class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__, e)
try:
    {EqOnly()}
except TypeError as e:
    print(type(e).__name__, e)
class Inherit(Key):
    pass
print(hash(Inherit(5)) == hash(5), {Inherit(5): 1}[Key(5)])
class BadHash:
    def __hash__(self):
        return "no"
try:
    hash(BadHash())
except TypeError as e:
    print(type(e).__name__, e)
class BigHash:
    def __hash__(self):
        return 2 ** 100
print(hash(BigHash()) == hash(2 ** 100), hash(-1), hash(-2), hash(0), hash(2 ** 61 - 1), hash(2 ** 61))
print(hash((1, 2)) == hash((1, 2)), hash(1.0) == hash(1), hash(0.5) == hash(0.5), hash(True))
class Collide:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return 42
    def __eq__(self, o):
        return self.v == o.v
s = {Collide(i) for i in range(5)} | {Collide(0)}
print(len(s), sorted(c.v for c in s))
class HashNone(Key):
    __hash__ = None
try:
    hash(HashNone(1))
except TypeError as e:
    print(type(e).__name__, e)
