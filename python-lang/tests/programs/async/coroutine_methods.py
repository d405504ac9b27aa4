# Coroutine objects: throw, close, cr_* attributes, await in finally
class Pause:
    def __await__(self):
        yield "paused"
async def guarded():
    try:
        await Pause()
        await Pause()
        return "normal"
    except KeyError as e:
        return f"handled {e!r}"
    finally:
        print("finally in coroutine")
c = guarded()
print(c.cr_running, c.cr_await is None, c.cr_code.co_name)
print(c.send(None))
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print("throw result", e.value)
c2 = guarded()
c2.send(None)
c2.close()
print("closed")
async def after_close():
    await Pause()
c3 = after_close()
c3.close()
try:
    c3.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
async def inner():
    await Pause()
    return 7
async def outer():
    return await inner()
o = outer()
o.send(None)
print(type(o.cr_await).__name__)
try:
    o.send(None)
except StopIteration as e:
    print("outer returned", e.value)
