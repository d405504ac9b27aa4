# `in` across container types and custom classes
print(3 in [1, 2, 3], 3 in (1, 2), "a" in "cat", "k" in {"k": 1}, 1 in {"k": 1}, 2 in {1, 2}, 5 in range(10))
print([1] in [[1], [2]], (1,) in [(1,)], None in [0, False], 0 in [False], 1.0 in [1], "1" in [1])
nan = float("nan")
print(nan in [nan], nan in [float("nan")], [nan] == [nan])
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * 10
print(20 in Seq(), 25 in Seq(), list(Seq()))
class Cont:
    def __contains__(self, x):
        return x == "magic"
print("magic" in Cont(), "other" in Cont(), "magic" not in Cont())
class Iterable:
    def __iter__(self):
        return iter([1, 2, 3])
print(2 in Iterable(), 9 in Iterable())
class Truthy:
    def __contains__(self, x):
        return 42
print(1 in Truthy(), type(1 in Truthy()).__name__)
try:
    1 in 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    [] in {1}
except TypeError as e:
    print(type(e).__name__, e)
class Eq:
    def __eq__(self, other):
        return True
print(Eq() in [1], 5 in [Eq()])
