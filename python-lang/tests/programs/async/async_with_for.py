# async with and async for driven manually
log = []
class AsyncCM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        log.append(f"aenter {self.name}")
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        log.append(f"aexit {self.name} {et.__name__ if et else None}")
        return self.suppress
class ARange:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        self.i = 0
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i - 1
async def agen(n):
    for i in range(n):
        yield i * 100
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def main():
    async with AsyncCM("one") as v:
        log.append(f"body {v}")
    async with AsyncCM("outer") as a, AsyncCM("inner", suppress=True) as b:
        log.append(f"body {a} {b}")
        raise KeyError("swallowed")
    items = []
    async for i in ARange(3):
        items.append(i)
    else:
        items.append("else")
    async for j in agen(3):
        if j == 200:
            break
        items.append(j)
    comp = [x async for x in ARange(4) if x % 2]
    return items, comp
print(run(main()))
print(log)
async def bad_with():
    async with AsyncCM("err"):
        raise ValueError("propagates")
try:
    run(bad_with())
except ValueError as e:
    print(type(e).__name__, e, log[-1])
