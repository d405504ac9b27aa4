# __import__ basics
m = __import__("math")
print(m.__name__, m.sqrt(16), m is __import__("math"))
s = __import__("sys")
print(s.__name__, type(s).__name__, "math" in s.modules)
try:
    __import__("no_such_module_abc")
except ImportError as e:
    print(type(e).__name__, e)
t = __import__("time")
print(t.__name__, callable(t.time))
import math as m2
print(m2 is m)
