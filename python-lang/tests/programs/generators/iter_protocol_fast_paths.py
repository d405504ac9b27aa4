def g():
    yield 1
    yield 2
x = g()
print(iter(x) is x, set(g()), list(iter(g())), sorted(g()), max(g()))
async def c():
    return 1
co = c()
try:
    iter(co)
except TypeError as e:
    print("TypeError:", e)
co.close()
async def ag():
    yield 1
try:
    iter(ag())
except TypeError as e:
    print("TypeError:", e)
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self, *extra):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
print(list(It()), set(It()), 2 in It())
class NotIt:
    def __iter__(self):
        return 5
try:
    iter(NotIt())
except TypeError as e:
    print("TypeError:", e)
