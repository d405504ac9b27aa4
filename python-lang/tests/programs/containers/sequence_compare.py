# Equality and ordering of sequences
pairs = [([1, 2, 3], [1, 2, 4]), ([1, 2], [1, 2, 0]), ([], []), ([2], [1, 5]), ((1, "a"), (1, "b")),
         ("abc", "abd"), ([[1]], [[1, 0]]), ((), (0,)), ([1.0], [1]), ([0], [False])]
for a, b in pairs:
    print(a, b, a == b, a != b, a < b, a <= b, a > b, a >= b)
print([1, 2] == (1, 2), list((1, 2)) == [1, 2], [1, [2, [3]]] == [1, [2, [3]]])
for a, b in [([1, "x"], [1, 2]), ([None], [None]), ([None], [1])]:
    try:
        print(a < b)
    except TypeError as e:
        print(type(e).__name__, e)
print([None] == [None], [1, None] < [2, None])
class Weird:
    def __eq__(self, other):
        return False
w = Weird()
print([w] == [w], w in [w], (w,) == (w,))
print(max([[1, 2], [1, 3], [0, 9]]), min([(2, 1), (1, 2), (1, 1)]), sorted(["b", "ab", "a"]))
