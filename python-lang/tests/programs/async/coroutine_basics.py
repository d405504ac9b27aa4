# async def / await driven manually with send(None)
async def add(a, b):
    return a + b
async def compute():
    x = await add(1, 2)
    y = await add(x, 10)
    return x * y
c = compute()
print(type(c).__name__, c.__name__, c.__qualname__)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)
class Suspend:
    def __await__(self):
        value = yield "suspended"
        return f"resumed with {value}"
async def waiter():
    r = await Suspend()
    print("waiter got", r)
    r2 = await Suspend()
    return [r, r2]
w = waiter()
print(w.send(None))
print(w.send("first"))
try:
    w.send("second")
except StopIteration as e:
    print("final", e.value)
async def never_awaited():
    return 1
n = never_awaited()
n.close()
print("closed unawaited coroutine")
async def raises():
    await Suspend()
    raise ValueError("inside coroutine")
r = raises()
r.send(None)
try:
    r.send(None)
except ValueError as e:
    print(type(e).__name__, e)
try:
    r.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
