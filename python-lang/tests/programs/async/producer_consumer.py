# Producer/consumer with a hand-written queue and scheduler (no asyncio)
class Queue:
    def __init__(self):
        self.items = []
    def put(self, item):
        self.items.append(item)
    def get(self):
        return QueueGet(self)
class QueueGet:
    def __init__(self, q):
        self.q = q
    def __await__(self):
        while not self.q.items:
            yield "wait"
        return self.q.items.pop(0)
class Yield:
    def __await__(self):
        yield "yield"
async def producer(q, n):
    for i in range(n):
        print("produce", i)
        q.put(i)
        await Yield()
    q.put(None)
    return "producer done"
async def consumer(q, name):
    got = []
    while True:
        item = await q.get()
        if item is None:
            q.put(None)
            break
        print(name, "consume", item)
        got.append(item)
    return got
def run_all(coros):
    tasks = list(coros.items())
    results = {}
    while tasks:
        name, c = tasks.pop(0)
        try:
            c.send(None)
            tasks.append((name, c))
        except StopIteration as e:
            results[name] = e.value
    return results
q = Queue()
print(run_all({"prod": producer(q, 5), "c1": consumer(q, "c1"), "c2": consumer(q, "c2")}))
