# bytes/bytearray/memoryview builtins and frozenset/set/dict/list/tuple constructors
print(bytes(4), bytes([1, 2]), bytearray(b"ab"), memoryview(b"xy").tolist(), bytes("é", "utf-8"))
print(list(), list("ab"), tuple(), tuple([1]), dict(), dict(a=1), set(), set("aab") == {"a", "b"}, frozenset([1, 1]))
print(dict([(1, 2), [3, 4]]), dict({1: 2}, **{"x": 0}), list(dict(b=1, a=2)), tuple({3: 0, 1: 0}))
for ctor, arg in [(list, 5), (tuple, None), (dict, [1]), (set, 1), (dict, "ab")]:
    try:
        ctor(arg)
    except (TypeError, ValueError) as e:
        print(ctor.__name__, type(e).__name__, e)
print(str(), int(), float(), complex(), bool(), repr(bytes()), repr(bytearray()))
