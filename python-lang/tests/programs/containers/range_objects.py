# range objects: len, index, count, slicing, reversed, repr, equality
rs = [range(5), range(2, 10), range(10, 0, -3), range(0, 10, 4), range(5, 5), range(0, -5), range(-3, 3, 2)]
for r in rs:
    print(repr(r), len(r), list(r), list(reversed(r)), bool(r))
r = range(3, 30, 4)
print(r[0], r[-1], r[2], r[1:4], r[::-1], r[::2], r[-2:], r[100:], r[1:100:3])
print(r.index(7), r.count(7), r.count(8), 7 in r, 8 in r, 31 in r, r.start, r.stop, r.step)
try:
    r.index(8)
except ValueError as e:
    print(type(e).__name__, e)
try:
    r[100]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(1, 2, 0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__, e)
print(range(0) == range(2, 2), range(0, 3) == range(0, 4, 2) if False else range(0, 3, 2) == range(0, 4, 2), range(3) == [0, 1, 2])
print(range(10 ** 20)[-1], range(0, 10 ** 20, 3)[-1], 10 ** 19 in range(0, 10 ** 20, 2))
try:
    len(range(0, 10 ** 20, 3))
except OverflowError as e:
    print(type(e).__name__, e)
print(hash(range(3)) == hash(range(0, 3, 1)), sum(range(101)), max(range(7)), min(range(3, 9)))
print(list(range(10, 0, -1)), list(range(-5)), range(7)[-7], range(3, 10)[:-1])
print(list(zip(range(3), range(10, 13))), [i * i for i in range(1, 6)], tuple(range(0, 1)))
print(range(1, 10, 2).__reversed__().__next__(), type(iter(range(3))).__name__)
