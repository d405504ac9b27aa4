# bool and None objects
print(type(True).__name__, type(None).__name__, isinstance(True, int), issubclass(bool, int))
print(repr(True), str(False), repr(None), str(None))
print(True + True, True * 3.5, -True, ~False, abs(True), True // 1, True % 2, True ** 10)
print(int(True), float(False), str(True) + "!", f"{True}", f"{True:d}", f"{False:>6}", format(True, "5"))
print(True == 1.0, hash(True) == hash(1), {True: "a", 1: "b", 1.0: "c"})
print({0, False, 0.0}, len({True, 1, 1.0}))
print(bool(None), None is None, [None] * 3, None.__class__.__name__)
def f():
    pass
print(f(), f() is None)
try:
    None + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    n = None
    n()
except TypeError as e:
    print(type(e).__name__, e)
try:
    None.x
except AttributeError as e:
    print(type(e).__name__, e)
try:
    bool.x = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    class B(bool):
        pass
except TypeError as e:
    print(type(e).__name__, e)
print(True.real, True.imag, True.numerator, True.denominator, (True).bit_length())
print(bool(0) is False, bool(1) is True, bool("x") is True, True and None)
print(True & 3, True | 2, type(True | False).__name__, type(True | 2).__name__)
