# Keyword argument repeated in a call
def f(**kw):
    return kw
f(a=1, b=2, a=3)
