# list slicing, slice assignment (incl. extended), deletion
a = list(range(10))
print(a[2:7], a[::3], a[::-1], a[7:2:-2], a[-3:], a[:-7], a[100:], a[3:3])
b = a[:]
b[2:5] = ["x"]
print(b)
b = a[:]
b[2:2] = ["i1", "i2"]
print(b)
b = a[:]
b[:] = "abc"
print(b)
b = a[:]
b[::2] = [None] * 5
print(b)
b = a[:]
b[::-3] = "ABCD"
print(b)
try:
    b = a[:]
    b[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
b = a[:]
b[8:2] = ["q"]
print(b)
b = a[:]
del b[::2]
print(b)
b = a[:]
del b[1:-1]
print(b)
b = a[:]
del b[::-3]
print(b)
b = a[:]
del b[5:]
del b[0]
del b[-1]
print(b)
try:
    del b[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    b[10] = 1
except IndexError as e:
    print(type(e).__name__, e)
try:
    b[1:2] = 5
except TypeError as e:
    print(type(e).__name__, e)
c = [1, 2, 3]
c[1:2] = c
print(c)
c = [1, 2, 3, 4]
c[1:3] = range(5)
print(c)
c[-100:2] = [0]
print(c, c[slice(1, None, 2)], c[slice(None)])
