# Generator attributes: gi_frame, gi_running, gi_code, gi_yieldfrom; running reentrancy
def g():
    yield 1
    yield 2
gen = g()
print(gen.gi_running, gen.gi_frame is not None, gen.gi_code.co_name, gen.gi_yieldfrom)
next(gen)
print(gen.gi_frame is not None, gen.gi_running)
list(gen)
print(gen.gi_frame)
def reenter():
    yield next(me)
me = reenter()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
def inner():
    yield "x"
def outer():
    yield from inner()
o = outer()
next(o)
print(o.gi_yieldfrom.__name__ if o.gi_yieldfrom else None)
def running_check():
    yield gen2.gi_running
gen2 = running_check()
print(next(gen2))
print(iter(gen) is gen, hasattr(gen, "__next__"), hasattr(gen, "send"))
