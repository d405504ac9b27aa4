# aiter / anext with a simple async iterator driven manually
class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10
def drive(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise RuntimeError("coroutine suspended unexpectedly")
c = Counter(3)
it = aiter(c)
print(it is c)
print(drive(anext(it)), drive(anext(it)), drive(anext(it)))
try:
    drive(anext(it))
except StopAsyncIteration:
    print("StopAsyncIteration")
print(drive(anext(it, "default")))
async def agen():
    yield "x"
    yield "y"
g = agen()
print(type(aiter(g)).__name__, aiter(g) is g)
print(drive(anext(g)), drive(anext(g)), drive(anext(g, "done")))
try:
    aiter([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    anext(iter([1]))
except TypeError as e:
    print(type(e).__name__, e)
async def collect():
    out = []
    async for v in Counter(4):
        out.append(v)
    return out
print(drive(collect()))
