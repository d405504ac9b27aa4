# await outside an async function
def f():
    await g()
