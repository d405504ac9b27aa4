# __getitem__/__setitem__/__delitem__/__contains__/__missing__/__reversed__
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}
    def __getitem__(self, key):
        if isinstance(key, tuple):
            x, y = key
            if not (0 <= x < self.w and 0 <= y < self.h):
                raise IndexError(f"{key} out of bounds")
            return self.cells.get(key, ".")
        if isinstance(key, slice):
            return f"slice {key.start}:{key.stop}:{key.step}"
        raise TypeError(f"bad key {key!r}")
    def __setitem__(self, key, value):
        self[key]
        self.cells[key] = value
    def __delitem__(self, key):
        del self.cells[key]
    def __contains__(self, value):
        return value in self.cells.values()
    def __len__(self):
        return self.w * self.h
g = Grid(3, 2)
g[0, 0] = "#"
g[2, 1] = "@"
print(g[0, 0], g[1, 1], g[2, 1], "#" in g, "x" in g, len(g), g[1:5], g[::2])
for row in range(2):
    print("".join(g[x, row] for x in range(3)))
del g[0, 0]
print(g[0, 0], "#" in g)
try:
    g[5, 5] = "!"
except IndexError as e:
    print(type(e).__name__, e)
try:
    del g[1, 1]
except KeyError as e:
    print(type(e).__name__, e)
try:
    g["key"]
except TypeError as e:
    print(type(e).__name__, e)
class Seq:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i * i
    def __reversed__(self):
        return iter(["custom", "reversed"])
print(list(Seq()), list(reversed(Seq())), 9 in Seq(), 10 in Seq())
a, b, *c = Seq()
print(a, b, c)
class NoSet:
    def __getitem__(self, i):
        return i
try:
    NoSet()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del NoSet()[0]
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
try:
    object()[0]
except TypeError as e:
    print(type(e).__name__, e)
