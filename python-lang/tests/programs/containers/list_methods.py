# list methods and their error cases
a = [3, 1, 4, 1, 5]
a.append(9); print(a)
a.extend([2, 6]); print(a)
a.extend(range(2)); print(a)
a.insert(0, -1); a.insert(100, 100); a.insert(-2, 50); a.insert(-100, -100); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); print(a)
print(a.index(1), a.index(5), a.index(1, 3) if 1 in a[3:] else "none", a.count(1), a.count(42))
a.reverse(); print(a)
b = a.copy(); b.clear(); print(a, b)
try:
    [].pop()
except IndexError as e:
    print(type(e).__name__, e)
try:
    [1].pop(5)
except IndexError as e:
    print(type(e).__name__, e)
try:
    a.remove(999)
except ValueError as e:
    print(type(e).__name__, e)
try:
    a.index(999)
except ValueError as e:
    print(type(e).__name__, e)
try:
    a.index(3, 0, 1)
except ValueError as e:
    print(type(e).__name__, e)
print([1, 2] + [3], [0] * 3, 2 * [None], [[]] * 2, [1, 2] * 0, [1] * -1)
nested = [[]] * 3
nested[0].append("x")
print(nested)
try:
    [1] + (2,)
except TypeError as e:
    print(type(e).__name__, e)
x = [1]
x += (2, 3)
x += "ab"
print(x, len(x), list(), list("xy"), list({"k": 1}), list(range(3)))
print(a == a.copy(), a is not a.copy(), [1, [2]] == [1, [2]], [1, 2] != [1, 2.0])
