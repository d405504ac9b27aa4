# Recursion: factorial, fibonacci memo, mutual recursion, deep-ish recursion, hanoi
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(0), fact(5), fact(25))
memo = {}
def fib(n):
    if n < 2:
        return n
    if n not in memo:
        memo[n] = fib(n - 1) + fib(n - 2)
    return memo[n]
print(fib(90), len(memo))
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(100), is_odd(77), is_even(7))
def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)
print(depth(900))
moves = []
def hanoi(n, src, dst, via):
    if n:
        hanoi(n - 1, src, via, dst)
        moves.append((src, dst))
        hanoi(n - 1, via, dst, src)
hanoi(4, "A", "C", "B")
print(len(moves), moves[:5])
def perms(xs):
    if len(xs) <= 1:
        return [xs]
    return [[x] + p for i, x in enumerate(xs) for p in perms(xs[:i] + xs[i + 1:])]
print(perms([1, 2, 3]))
def flatten(x):
    if isinstance(x, list):
        return [z for y in x for z in flatten(y)]
    return [x]
print(flatten([1, [2, [3, [4, [5]]]], [[6]]]))
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
def catch_deep(n):
    return catch_deep(n + 1)
try:
    catch_deep(0)
except RecursionError as e:
    print(type(e).__name__, e)
print("still alive", depth(10))
