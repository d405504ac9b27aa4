# Async comprehensions, await inside comprehensions, and async generator expressions
class Value:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        yield ("tick", self.v)
        return self.v * 10
async def arange(n):
    for i in range(n):
        await Value(i)
        yield i
async def main():
    squares = [i * i async for i in arange(5)]
    evens = {i async for i in arange(6) if i % 2 == 0}
    mapping = {i: await Value(i) async for i in arange(3)}
    awaited = [await Value(x) for x in range(3)]
    agen = (i + 100 async for i in arange(3))
    from_genexp = [v async for v in agen]
    return squares, sorted(evens), mapping, awaited, from_genexp, type(agen).__name__
def run(coro):
    ticks = []
    try:
        while True:
            ticks.append(coro.send(None))
    except StopIteration as e:
        return e.value, len(ticks), ticks[:4]
result, nticks, first = run(main())
print(result)
print(nticks, first)
