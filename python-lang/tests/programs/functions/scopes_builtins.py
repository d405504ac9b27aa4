# LEGB resolution, shadowing builtins, class scope rules
print(len("abc"))
def shadow_len():
    len = lambda x: "shadowed"
    return len("abc")
print(shadow_len(), len("abc"))
len = lambda x: -1
print(len("abc"))
del len
print(len("abc"))
x = "global"
class K:
    x = "class"
    def method(self):
        return x
    y = x + "!"
    z = [x for _ in range(1)]
print(K().method(), K.y, K.z)
def f():
    x = "local"
    class Inner:
        y = x
        x = "inner-class"
        z = x
    return Inner.y, Inner.z
print(f())
def g():
    return [locals().get("q", "none") for _ in range(1)]
print(g())
def h():
    a = 1
    b = 2
    return sorted(locals().items())
print(h())
import sys as _sys
print(type(__builtins__).__name__ in ("module", "dict"), __name__)
def uses_later():
    return later_defined()
def later_defined():
    return "defined later"
print(uses_later())
