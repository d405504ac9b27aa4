# Chained and multiple assignment, swap, evaluation order of targets
a = b = c = []
a.append(1)
print(a, b, c, a is c)
x = y = 5
x += 1
print(x, y)
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = c, a, b
print(a, b, c)
lst = [0, 1, 2]
i = 0
i, lst[i] = 2, "set"
print(i, lst)
log = []
class T:
    def __setattr__(self, name, value):
        log.append((name, value))
t = T()
t.a = t.b = "v"
print(log)
d = {}
d["x"] = d["y"] = len(d)
print(d)
n = [[0, 0], [0, 0]]
n[0][1] = n[1][0] = 7
print(n)
first = second = third = "same"
print(first is second is third)
