# Exceptions in coroutines: try/finally across awaits, throw() into a suspended await chain
class Pause:
    def __await__(self):
        got = yield "pause"
        return got
async def inner(log):
    try:
        log.append("inner start")
        v = await Pause()
        log.append(f"inner resumed with {v!r}")
        raise KeyError("from inner")
    finally:
        log.append("inner finally")
async def outer(log):
    try:
        await inner(log)
    except KeyError as e:
        log.append(f"outer caught {e!r}")
        return "recovered"
log = []
c = outer(log)
print(c.send(None))
try:
    c.send("value")
except StopIteration as e:
    print("result", e.value)
print(log)
log = []
c = outer(log)
c.send(None)
try:
    c.throw(ValueError("thrown into chain"))
except ValueError as e:
    print("propagated", repr(e))
print(log)
async def suppress():
    try:
        await Pause()
    except GeneratorExit:
        print("coroutine saw GeneratorExit")
        raise
c = suppress()
c.send(None)
c.close()
async def ctx_error():
    try:
        raise TypeError("first")
    except TypeError:
        await Pause()
        raise RuntimeError("second")
c = ctx_error()
c.send(None)
try:
    c.send(None)
except RuntimeError as e:
    print(repr(e), "context", repr(e.__context__))
