# sys.getrecursionlimit / setrecursionlimit and RecursionError
import sys
print(sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
d1 = depth(0)
print(900 < d1 < 1000)
sys.setrecursionlimit(200)
print(sys.getrecursionlimit())
d2 = depth(0)
print(150 < d2 < 200, d2 < d1)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(type(e).__name__, e)
try:
    sys.setrecursionlimit("x")
except TypeError as e:
    print(type(e).__name__, e)
sys.setrecursionlimit(5000)
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(3000))
sys.setrecursionlimit(1000)
try:
    deep(3000)
except RecursionError as e:
    print(type(e).__name__, e)
