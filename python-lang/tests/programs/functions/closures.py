# Closures capture variables, not values; cell sharing; late binding
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    def get():
        return count
    return inc, get
inc, get = make_counter()
inc(); inc()
print(get(), inc(), get())
inc2, get2 = make_counter()
print(inc2(), get())
def adders():
    return [lambda x: x + i for i in range(3)]
print([a(10) for a in adders()])
def adders_fixed():
    return [(lambda i: lambda x: x + i)(i) for i in range(3)]
print([a(10) for a in adders_fixed()])
def outer():
    x = "first"
    def show():
        return x
    x = "second"
    return show
print(outer()())
def nest():
    a = 1
    def mid():
        b = 2
        def inner():
            return a + b
        return inner
    return mid()
print(nest()(), nest().__code__.co_freevars, nest().__closure__[0].cell_contents if nest().__closure__ else None)
def acc(total=0):
    def add(n):
        nonlocal total
        total += n
        return total
    return add
a = acc(100)
print(a(1), a(10), a(-50))
def shadow():
    x = 1
    def f():
        x = 2
        return x
    return f(), x
print(shadow())
def unbound():
    def f():
        return y
    try:
        f()
    except NameError as e:
        print(type(e).__name__, e)
    y = 5
    return f()
print(unbound())
