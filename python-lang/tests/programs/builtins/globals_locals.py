# globals() and locals() basics
g = globals()
print(type(g).__name__, g["__name__"], "g" in g, g is globals())
g["injected"] = "via globals"
print(injected)
def f(a, b=2):
    c = a + b
    loc = locals()
    return sorted(loc.items())
print(f(1))
def g2():
    x = 1
    l1 = sorted(locals())
    y = 2
    l2 = sorted(locals())
    return l1, l2
print(g2())
class C:
    z = 3
    names = sorted(k for k in locals() if not k.startswith("__"))
print(C.names)
print(sorted(k for k in globals() if not k.startswith("__")))
print(locals() is globals())
