import sys
def make(k):
    def f(x):
        return x + k, sys._getframe() if x == 99 else None
    return f
out = [make(i)(1)[0] for i in range(5)]
print(out)
kept = make(7)(99)[1]
print(kept.f_code.co_name, make(8)(1)[0])
def rec(n):
    if n == 0:
        return sys._getframe()
    return rec(n - 1)
f0 = rec(3)
print(f0.f_back.f_code.co_name, rec(2) is f0)
def boom(n):
    if n > 2:
        raise ValueError(n)
    return n
for i in range(5):
    try:
        print(boom(i))
    except ValueError as e:
        print("caught", e, e.__traceback__.tb_next.tb_frame.f_code.co_name)
def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("recursion", type(e).__name__)
print(boom(1), boom(2))
def gen():
    yield sys._getframe().f_code.co_name
print(list(gen()), list(gen()))
