# Augmented assignment on names, attributes and subscripts, evaluation order
class Box:
    pass
b = Box()
b.v = 10
b.v += 5
b.v //= 4
b.v **= 3
print(b.v)
lst = [1, 2, 3]
lst[0] += 100
lst[-1] *= 7
lst[1] -= 10
print(lst)
d = {"a": 1}
d["a"] += 1
d.setdefault("b", 0)
d["b"] -= 3
print(d)
order = []
def idx(i):
    order.append(("idx", i))
    return i
def target():
    order.append("target")
    return lst
target()[idx(1)] += 1
print(order, lst)
x = 7
x %= 4; print(x)
x /= 2; print(x)
x = 7
x //= -2; print(x)
s = "ab"
s *= 3; print(s)
t = (1,)
t += (2, 3); print(t)
alias = lst
lst += [9]
print(alias, alias is lst)
tup = (1,)
tup2 = tup
tup += (2,)
print(tup, tup2, tup is tup2)
n = 2 ** 62
n += n
print(n, n * 4)
