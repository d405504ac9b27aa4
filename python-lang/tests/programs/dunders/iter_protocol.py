# __iter__ / __next__ classes, iterator exhaustion, iter() over __getitem__
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
c = Countdown(3)
print(list(c), list(c), iter(c) is c)
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 1
r = Range2(4)
print(list(r), list(r), sum(r), max(r), sorted(r, reverse=True), [x * y for x in r for y in r if x < y])
it = iter(r)
print(next(it), next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, repr(e))
class BadIter:
    def __iter__(self):
        return 5
try:
    iter(BadIter())
except TypeError as e:
    print(type(e).__name__, e)
try:
    for _ in 5:
        pass
except TypeError as e:
    print(type(e).__name__, e)
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
class IterNone:
    __iter__ = None
    def __getitem__(self, i):
        return i
try:
    iter(IterNone())
except TypeError as e:
    print(type(e).__name__, e)
class GetItem:
    def __getitem__(self, i):
        if i == 3:
            raise IndexError
        return chr(97 + i)
print(list(GetItem()), "".join(GetItem()), list(enumerate(GetItem())))
itr = iter([1, 2, 3])
for x in itr:
    if x == 1:
        print("skipping", next(itr))
    else:
        print("got", x)
