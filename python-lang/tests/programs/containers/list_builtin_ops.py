# len, min, max, sum, sorted, reversed, enumerate, zip over lists
xs = [4, -2, 7, 0, 7, 3]
print(len(xs), min(xs), max(xs), sum(xs), sum(xs, 100), sorted(xs), list(reversed(xs)))
print(xs.index(max(xs)), [i for i, v in enumerate(xs) if v == 7], list(enumerate(xs, start=1))[:2])
print(list(zip(xs, "abcdef")), list(zip(*[[1, 2], [3, 4], [5, 6]])), dict(zip("ab", xs)))
print(any(x < 0 for x in xs), all(xs), all([]), any([]), [x for x in xs if x] == list(filter(None, xs)))
print(list(map(abs, xs)), list(map(lambda a, b: a * b, xs, range(3))), sum([[1], [2]], []))
print(max(xs, key=lambda v: -v), min([], default="empty"), max([1], default=0), max("a", "b", "c"))
try:
    max([])
except ValueError as e:
    print(type(e).__name__, e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(type(e).__name__, e)
print(sum([0.1] * 3), sum(range(5), start=10), sum([1, 2.5]), sum([True, True]))
it = reversed(xs)
print(next(it), next(it), list(it))
rev = list(reversed(range(3)))
print(rev, xs[::-1] == list(reversed(xs)))
