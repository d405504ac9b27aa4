# Async generators: asend, athrow, aclose, driven manually
def run(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value
async def ticker(n):
    try:
        for i in range(n):
            received = yield i
            if received:
                print("ticker received", received)
    finally:
        print("ticker cleanup")
g = ticker(5)
print(type(g).__name__, g.__name__)
print(run(g.__anext__()), run(g.asend("hello")), run(g.__anext__()))
try:
    run(g.athrow(ValueError("thrown in")))
except ValueError as e:
    print("athrow propagated", e)
try:
    run(g.__anext__())
except StopAsyncIteration:
    print("exhausted after athrow")
g2 = ticker(5)
run(g2.__anext__())
run(g2.aclose())
print("closed g2")
async def collect(agen):
    return [v async for v in agen]
print(run(collect(ticker(3))))
async def nested():
    async def inner():
        yield 1
        yield 2
    total = 0
    async for v in inner():
        total += v
    return total
print(run(nested()))
