# Truth values and boolean operators returning operands
vals = [0, 1, -1, 0.0, -0.0, 0.1, "", " ", "0", [], [0], (), (None,), {}, {0: 0}, set(), {0},
        None, True, False, range(0), range(1), b"", b"\x00", 0j, 1j, frozenset(), float("nan")]
for v in vals:
    print(repr(v), bool(v), not v)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or [] or 0, "a" and "b" and "c", "" or "default")
print([] and 1, [1] and [], 0 or None, not 0 or 5)
def side(x, log):
    log.append(x)
    return x
log = []
r = side(0, log) and side(1, log)
print(r, log)
log = []
r = side(1, log) or side(2, log)
print(r, log)
log = []
r = side(0, log) or side("", log) or side(3, log) and side(4, log)
print(r, log)
x = 0
if x:
    print("true")
elif not x:
    print("falsy")
print(bool(), bool(bool), True == 1, False == 0, True is not False)
print(True + 1, True * 10, False - 1, sum([True, True, False]), True / 2)
print(1 if [] else 2, 3 if "x" else 4)
while vals:
    vals.pop()
print(len(vals), bool(vals))
