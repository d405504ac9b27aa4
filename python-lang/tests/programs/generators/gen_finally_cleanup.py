# finally blocks in generators run on exhaustion, close, and garbage-free explicit close
log = []
def resource(name):
    log.append(f"open {name}")
    try:
        for i in range(3):
            yield f"{name}{i}"
    finally:
        log.append(f"close {name}")
for v in resource("a"):
    pass
print(log); log.clear()
g = resource("b")
next(g)
g.close()
print(log); log.clear()
for v in resource("c"):
    if v == "c1":
        break
print(log); log.clear()
def with_cm():
    class CM:
        def __enter__(self):
            log.append("enter")
        def __exit__(self, *a):
            log.append(f"exit {a[0].__name__ if a[0] else None}")
    with CM():
        yield 1
        yield 2
g = with_cm()
next(g)
g.close()
print(log); log.clear()
g = with_cm()
next(g)
try:
    g.throw(ValueError("x"))
except ValueError:
    log.append("caught ValueError")
print(log)
