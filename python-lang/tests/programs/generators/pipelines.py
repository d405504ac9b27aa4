# Generator pipelines: producer/filter/transform/consumer
def numbers():
    n = 0
    while True:
        yield n
        n += 1
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
def evens(it):
    for v in it:
        if v % 2 == 0:
            yield v
def squares(it):
    for v in it:
        yield v * v
print(list(take(6, squares(evens(numbers())))))
def windows(it, n):
    buf = []
    for v in it:
        buf.append(v)
        if len(buf) > n:
            buf.pop(0)
        if len(buf) == n:
            yield tuple(buf)
print(list(windows(range(6), 3)))
def running_avg():
    total = 0.0
    count = 0
    avg = None
    while True:
        v = yield avg
        total += v
        count += 1
        avg = total / count
ra = running_avg()
next(ra)
print([ra.send(v) for v in [10, 20, 30, 40]])
def chunked(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunked("abcdefgh", 3)), list(chunked([1, 2, 3, 4], 2)))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(list(take(15, primes())))
def interleave(*its):
    its = [iter(i) for i in its]
    while its:
        for it in list(its):
            try:
                yield next(it)
            except StopIteration:
                its.remove(it)
print(list(interleave("abc", [1, 2], "XYZW")))
