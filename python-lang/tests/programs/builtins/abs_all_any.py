# abs, all, any
print(abs(-5), abs(5), abs(-0), abs(-2.5), abs(float("-inf")), abs(-3 + 4j), abs(True), abs(-(2 ** 100)))
for bad in ("s", None, [1]):
    try:
        abs(bad)
    except TypeError as e:
        print(type(e).__name__, e)
print(all([]), all([1, 2]), all([1, 0]), all("abc"), all([[]]), all(x > 0 for x in [1, 2, 3]), all(iter([True, 1, "x"])))
print(any([]), any([0, 0.0, ""]), any([0, 1]), any(" "), any(x > 2 for x in [1, 2, 3]), any({0: "a"}), any({1: 0}))
checked = []
def pred(x):
    checked.append(x)
    return x > 1
print(any(pred(x) for x in [0, 1, 2, 3, 4]), checked)
checked.clear()
print(all(pred(x) for x in [5, 3, 1, 9]), checked)
try:
    all(5)
except TypeError as e:
    print(type(e).__name__, e)
