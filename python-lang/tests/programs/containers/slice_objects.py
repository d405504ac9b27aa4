# slice objects: attributes, indices(), use with sequences and custom classes
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, repr(slice(3)), slice(None, None, -1), slice(1, 2) == slice(1, 2))
print(s.indices(5), slice(None).indices(4), slice(-3, None).indices(10), slice(None, None, -1).indices(6), slice(-100, 100, 3).indices(7))
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
data = list("abcdefghij")
print(data[s], "".join(data[slice(None, None, -2)]), "abcdefghij"[slice(2, -2)], tuple(range(10))[slice(5, None)])
class Recorder:
    def __getitem__(self, key):
        return key
r = Recorder()
print(r[1], r[1:2], r[::3], r[1:2, 3], r[...], r[:, None], r["k"], r[-1::-1])
x = r[1:2:3]
print(type(x).__name__, x.start, x.stop, x.step)
try:
    hash(slice(1, 2))
    print("hashable")
except TypeError as e:
    print(type(e).__name__, e)
print(slice(1, 2) < slice(1, 3), slice(1) != slice(2))
