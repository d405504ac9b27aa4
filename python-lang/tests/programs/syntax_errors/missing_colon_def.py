# Missing colon after def
def f(x)
    return x
