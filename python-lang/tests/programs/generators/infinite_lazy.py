# Lazy infinite generators combined with early-terminating consumers
def naturals(start=1):
    n = start
    while True:
        yield n
        n += 1
print(next(n for n in naturals() if n * n > 200))
print(any(n > 1000 for n in naturals()))
def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
print(list(collatz(27))[:10], len(list(collatz(27))), max(collatz(27)))
def cycle(seq):
    while True:
        yield from seq
c = cycle("ab")
print([next(c) for _ in range(5)])
def triangular():
    total = 0
    for n in naturals():
        total += n
        yield total
for t in triangular():
    if t > 50:
        print("first triangular > 50:", t)
        break
z = zip(naturals(), "xyz")
print(list(z))
