# __len__ and __bool__ and truth testing
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(len(L(3)), bool(L(0)), bool(L(2)), not L(0))
for bad in (-1, 2 ** 70, "3", 2.5):
    try:
        len(L(bad))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
class B:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        print("bool called")
        return self.v
print(bool(B(True)), bool(B(False)))
if B(True):
    print("if took it")
print("x" if B(False) else "y", B(True) and "and-ok", B(False) or "or-ok")
try:
    bool(B(1))
except TypeError as e:
    print(type(e).__name__, e)
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(Both()), len(Both()))
class Neither:
    pass
print(bool(Neither()))
class LenOnlyIter:
    def __len__(self):
        return 0
    def __iter__(self):
        return iter([1, 2])
print(bool(LenOnlyIter()), list(LenOnlyIter()))
while L(0):
    print("never")
print([x for x in [L(0), L(1), B(True)] if x].__len__())
