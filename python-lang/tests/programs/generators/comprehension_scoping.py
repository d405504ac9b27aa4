# Comprehension scoping: loop vars don't leak, class-body rules, nested lambdas
x = "global x"
lst = [x for x in range(3)]
print(x, lst)
d = {x: x * 2 for x in "ab"}
print(x, d)
s = {x for x in [1, 1, 2]}
print(x, s)
def f():
    y = "local"
    return [y + str(i) for i in range(2)]
print(f())
class C:
    a = 10
    b = [i for i in range(3)]
    try:
        c = [a + i for i in range(3)]
    except NameError as e:
        c = f"NameError: {e}"
    d = [i for i in range(a)]
print(C.b, C.c, C.d)
fns = [lambda: i for i in range(3)]
print([fn() for fn in fns])
print([[(i, j) for j in range(i)] for i in range(3)])
outer = [1, 2]
print([outer for outer in outer])
print(outer)
r = [(lambda n: n + k)(1) for k in range(3)]
print(r)
try:
    [undefined_thing for _ in range(1)]
except NameError as e:
    print(type(e).__name__, e)
print([v for v in range(5) if v % 2 if v > 1])
