# time: time(), perf_counter(), monotonic() return floats and do not go backwards
import time
a = time.time()
b = time.perf_counter()
c = time.monotonic()
total = 0
for i in range(10000):
    total += i
a2 = time.time()
b2 = time.perf_counter()
c2 = time.monotonic()
print(type(a).__name__, type(b).__name__, type(c).__name__)
print(a2 >= a, b2 >= b, c2 >= c, b2 - b >= 0.0, a > 1_600_000_000)
ns = time.time_ns()
print(type(ns).__name__, ns > 1_600_000_000 * 10 ** 9, type(time.perf_counter_ns()).__name__, type(time.monotonic_ns()).__name__)
start = time.perf_counter()
time.sleep(0.01)
elapsed = time.perf_counter() - start
print(elapsed >= 0.009, elapsed < 5)
print(callable(time.sleep), total)
try:
    time.sleep(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    time.sleep("1")
except TypeError as e:
    print(type(e).__name__, e)
