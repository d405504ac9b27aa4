# Assignment expressions in various contexts
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6], y)
total = 0
print([total := total + x for x in data], total)
stream = iter([5, 4, 0, 7])
while (v := next(stream)) != 0:
    print("read", v)
print("stopped at", v)
def f():
    [last := c for c in "xyz"]
    return last
print(f())
print((a := 10) + a, a)
print(max(data, key=lambda x: (r := -x)), "r" in dir())
values = {k: (sq := k * k) for k in range(3)}
print(values, sq)
if any((found := x) > 8 for x in data):
    print("found", found)
def g():
    return [(j := i) for i in range(3)], j
print(g())
print(f"{(z := 3) * 2} {z}")
