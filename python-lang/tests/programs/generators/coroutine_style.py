# Generator-based coroutines: a tiny scheduler with round-robin tasks
def task(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        yield
    return f"{name} done"
def scheduler(tasks):
    results = []
    queue = list(tasks)
    while queue:
        t = queue.pop(0)
        try:
            next(t)
            queue.append(t)
        except StopIteration as e:
            results.append(e.value)
    return results
print(scheduler([task("A", 3), task("B", 1), task("C", 2)]))
def accumulator():
    total = 0
    while True:
        cmd = yield total
        if cmd is None:
            break
        total += cmd
    return total
a = accumulator()
next(a)
for v in (5, 10, -3):
    print(a.send(v))
try:
    a.send(None)
except StopIteration as e:
    print("final total", e.value)
def grep(pattern):
    matches = []
    try:
        while True:
            line = yield
            if pattern in line:
                matches.append(line)
    except GeneratorExit:
        print("grep closing with", matches)
        raise
g = grep("py")
next(g)
for line in ["python", "rust", "pyrite", "go"]:
    g.send(line)
g.close()
