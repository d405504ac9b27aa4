# Importing the native modules sys, math, time and using their attributes
import sys
import math
import time
from math import pi, sqrt as root
print(type(sys).__name__, type(math).__name__, type(time).__name__)
print(sys.__name__, math.__name__, time.__name__, math.pi == pi, root(2) == math.sqrt(2))
print(math.floor(-2.5), math.ceil(-2.5), math.gcd(12, 18), math.factorial(10))
t1 = time.time()
t2 = time.time()
print(isinstance(t1, float), t2 >= t1)
print(sys.version_info[:2], sys.version_info.major, type(sys.maxsize).__name__, sys.maxsize == 2 ** 63 - 1)
print("math" in sys.modules, "time" in sys.modules, sys.modules["math"] is math)
print(callable(math.sin), callable(time.perf_counter), isinstance(sys.argv, list))
import math as m
print(m is math, m.e == math.e)
