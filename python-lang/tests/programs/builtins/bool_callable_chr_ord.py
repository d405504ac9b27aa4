# bool, callable, chr, ord
print(bool(), bool(0), bool(1), bool(""), bool("0"), bool([]), bool([0]), bool(None), bool(0.0), bool(-0.0), bool(1j))
try:
    bool(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
class K:
    def __call__(self):
        pass
class N:
    pass
print(callable(len), callable(K), callable(K()), callable(N()), callable(lambda: 0), callable(None), callable("s"), callable(callable))
print([chr(i) for i in (48, 65, 97, 0x3B1, 0x1F40D)], [ord(c) for c in "09AZaz"], ord("\uffff"), ord(b"\xff"))
try:
    chr("a")
except TypeError as e:
    print(type(e).__name__, e)
try:
    ord(65)
except TypeError as e:
    print(type(e).__name__, e)
print("".join(chr(ord(c) + 1) for c in "HAL"))
