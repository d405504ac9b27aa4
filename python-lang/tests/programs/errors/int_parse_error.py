# int('x') uncaught inside a helper
def to_int(s):
    return int(s)
print(to_int("12"))
print(to_int("x"))
