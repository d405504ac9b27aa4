# Awaiting chains of coroutines, exceptions crossing await, and awaitable objects
class Ready:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        return self.v
        yield
async def level3(x):
    if x < 0:
        raise ValueError(f"negative {x}")
    return await Ready(x * 2)
async def level2(x):
    try:
        return await level3(x) + 1
    except ValueError as e:
        return f"level2 caught: {e}"
async def level1(xs):
    out = []
    for x in xs:
        out.append(await level2(x))
    return out
def run(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value
print(run(level1([1, -1, 5])))
class NotAwaitable:
    pass
async def bad():
    await NotAwaitable()
try:
    run(bad())
except TypeError as e:
    print(type(e).__name__, e)
class BadAwait:
    def __await__(self):
        return 5
async def bad2():
    await BadAwait()
try:
    run(bad2())
except TypeError as e:
    print(type(e).__name__, e)
async def coro():
    return "c"
c = coro()
async def twice():
    a = await c
    b = await c
    return a, b
try:
    run(twice())
except RuntimeError as e:
    print(type(e).__name__, e)
