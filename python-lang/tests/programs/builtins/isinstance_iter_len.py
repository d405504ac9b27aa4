# isinstance, iter, iter(callable, sentinel), len
print(isinstance(1, int), isinstance("a", (int, str)), isinstance([], list), isinstance({}, dict), isinstance(1, object))
print(len("abc"), len([1, 2]), len({}), len(range(10)), len(b"\x00\x01"), len({1, 2, 2}), len((1,)), len("😀"))
for bad in (5, None, iter([1])):
    try:
        len(bad)
    except TypeError as e:
        print(type(e).__name__, e)
it = iter([1, 2])
print(iter(it) is it, list(it))
lines = iter(["a", "b", "STOP", "c"])
print(list(iter(lambda: next(lines), "STOP")), next(lines))
n = [0]
def tick():
    n[0] += 1
    return n[0]
print(list(iter(tick, 5)))
try:
    iter(5, 1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
class Sized:
    def __len__(self):
        return 3
print(len(Sized()))
