# Uncaught AssertionError with a message
def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x
check(1)
print("checked 1")
check(-5)
