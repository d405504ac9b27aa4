# global and nonlocal declarations
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def make_global():
    global created
    created = "made"
make_global()
print(created)
def read_global():
    return counter * 10
print(read_global())
def local_shadow():
    try:
        print(counter)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    counter = 5
    return counter
print(local_shadow(), counter)
def outer():
    x = 1
    def middle():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x *= 10
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def g_in_nested():
    def inner():
        global counter
        counter = -1
    inner()
g_in_nested()
print(counter)
x = "module"
def f():
    x = "enclosing"
    def g():
        global x
        return x
    return g()
print(f())
def loop_closure():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    return [f() for f in fs]
print(loop_closure())
def del_local():
    v = 1
    del v
    try:
        return v
    except UnboundLocalError as e:
        return str(e)
print(del_local())
