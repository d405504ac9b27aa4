# A tiny hand-written event loop with sleep-by-ticks and task results
class Sleep:
    def __init__(self, ticks):
        self.ticks = ticks
    def __await__(self):
        yield ("sleep", self.ticks)
class Loop:
    def __init__(self):
        self.now = 0
        self.ready = []
        self.sleeping = []
        self.results = {}
    def spawn(self, name, coro):
        self.ready.append((name, coro, None))
    def run(self):
        while self.ready or self.sleeping:
            if not self.ready:
                self.sleeping.sort(key=lambda t: (t[0], t[1]))
                wake, seq, name, coro = self.sleeping.pop(0)
                self.now = wake
                self.ready.append((name, coro, None))
                continue
            name, coro, val = self.ready.pop(0)
            try:
                cmd = coro.send(val)
            except StopIteration as e:
                self.results[name] = e.value
                print(f"t={self.now} {name} finished -> {e.value!r}")
                continue
            kind, ticks = cmd
            self.sleeping.append((self.now + ticks, len(self.results) * 100 + len(self.sleeping), name, coro))
async def worker(name, delays):
    total = 0
    for d in delays:
        print(f"{name} sleeping {d}")
        await Sleep(d)
        total += d
    return f"{name} slept {total}"
loop = Loop()
loop.spawn("A", worker("A", [3, 1]))
loop.spawn("B", worker("B", [1, 1, 1]))
loop.spawn("C", worker("C", [5]))
loop.run()
print(sorted(loop.results.items()))
