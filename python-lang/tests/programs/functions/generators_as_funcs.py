# Function returning vs generator function, and return inside loops
def first_even(xs):
    for x in xs:
        if x % 2 == 0:
            return x
    return None
print(first_even([1, 3, 4, 6]), first_even([1]))
def early(x):
    if x < 0:
        return "negative"
    elif x == 0:
        return
    return "positive"
print(early(-1), early(0), early(1))
def multiple():
    return 1, [2], "three"
a, b, c = multiple()
print(a, b, c, multiple())
def nested_return():
    for i in range(5):
        for j in range(5):
            if i * j == 6:
                return i, j
print(nested_return())
def try_return():
    try:
        return "try"
    finally:
        print("finally runs")
print(try_return())
def implicit():
    x = 1
print(implicit())
