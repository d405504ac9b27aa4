# Default argument followed by a non-default one
def f(a=1, b):
    pass
