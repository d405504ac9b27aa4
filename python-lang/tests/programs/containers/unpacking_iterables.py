# Unpacking any iterable into targets
a, b = "xy"
c, d = {1: "one", 2: "two"}
e, f = range(2)
(g, h), i = [[1, 2], 3]
print(a, b, c, d, e, f, g, h, i)
first, *mid, last = range(7)
print(first, mid, last)
*head, = "abc"
print(head)
x, *y = [1]
print(x, y)
for k, v in {"p": 1, "q": 2}.items():
    print(k, v)
for idx, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(idx, p, q)
lst = [0, 0, 0]
lst[0], lst[2] = "L", "R"
print(lst)
m, n = n, m = 1, 2
print(m, n)
aa = bb = [5]
aa.append(6)
print(bb)
i = 0
arr = [10, 20, 30]
i, arr[i] = 1, 99
print(i, arr)
try:
    p, q = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    p, q = [1, 2, 3]
except ValueError as e:
    print(type(e).__name__, e)
try:
    p, *q, r = [1]
except ValueError as e:
    print(type(e).__name__, e)
