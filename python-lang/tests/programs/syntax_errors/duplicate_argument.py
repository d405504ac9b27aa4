# Duplicate argument names
def f(a, b, a):
    return a
