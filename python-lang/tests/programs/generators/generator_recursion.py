# Recursive generators: tree traversal, permutations, and subsets
class Node:
    def __init__(self, value, *children):
        self.value = value
        self.children = children
    def preorder(self):
        yield self.value
        for c in self.children:
            yield from c.preorder()
    def postorder(self):
        for c in self.children:
            yield from c.postorder()
        yield self.value
    def depth_first_paths(self, path=()):
        path = path + (self.value,)
        if not self.children:
            yield path
        for c in self.children:
            yield from c.depth_first_paths(path)
tree = Node("a", Node("b", Node("d"), Node("e")), Node("c", Node("f")))
print(list(tree.preorder()), list(tree.postorder()), list(tree.depth_first_paths()))
def permutations(items):
    if len(items) <= 1:
        yield list(items)
        return
    for i in range(len(items)):
        for rest in permutations(items[:i] + items[i + 1:]):
            yield [items[i]] + rest
print(["".join(p) for p in permutations("abc")])
def subsets(items):
    if not items:
        yield []
        return
    for s in subsets(items[1:]):
        yield s
        yield [items[0]] + s
print(sorted(subsets([1, 2, 3]), key=lambda s: (len(s), s)))
def hanoi(n, a="A", b="B", c="C"):
    if n:
        yield from hanoi(n - 1, a, c, b)
        yield (a, c)
        yield from hanoi(n - 1, b, a, c)
moves = list(hanoi(3))
print(len(moves), moves)
