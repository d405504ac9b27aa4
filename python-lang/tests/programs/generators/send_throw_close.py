# send(), throw(), close() and generator states
def echo():
    received = []
    try:
        while True:
            try:
                v = yield len(received)
                received.append(v)
            except ValueError as e:
                print("caught inside:", e)
                yield "recovered"
    finally:
        print("cleanup, received", received)
g = echo()
print(next(g))
print(g.send("a"), g.send("b"))
print(g.throw(ValueError("bad")))
print(next(g))
g.close()
print("closed")
try:
    next(g)
except StopIteration:
    print("next after close -> StopIteration")
g2 = echo()
try:
    g2.send("x")
except TypeError as e:
    print(type(e).__name__, e)
print(g2.send(None))
try:
    g2.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse"
g3 = ignores_exit()
next(g3)
try:
    g3.close()
except RuntimeError as e:
    print(type(e).__name__, e)
print(next(g3, "exhausted"))
def returns_on_close():
    try:
        yield 1
    finally:
        print("finally on close")
g4 = returns_on_close()
next(g4)
print(g4.close())
g5 = returns_on_close()
g5.close()
print("close before start runs no finally")
def thrower():
    yield 1
g6 = thrower()
try:
    g6.throw(ZeroDivisionError)
except ZeroDivisionError as e:
    print("unstarted throw raises", type(e).__name__)
try:
    next(g6)
except StopIteration:
    print("and gen is finished")
