# Contexts in loops and repeated handling; exception objects reused
errors = []
for i in range(3):
    try:
        if i == 1:
            raise ValueError(f"iteration {i}")
        errors.append(f"ok {i}")
    except ValueError as e:
        errors.append(f"caught {e}")
print(errors)
saved = ValueError("reused")
for attempt in range(2):
    try:
        raise saved
    except ValueError as e:
        print(attempt, e is saved, e.__context__)
try:
    try:
        raise saved
    except ValueError:
        raise TypeError("wrapper")
except TypeError as e:
    print(repr(e.__context__), e.__context__ is saved)
def retry(fn, times):
    last = None
    for n in range(times):
        try:
            return fn(n)
        except Exception as e:
            last = e
            print("attempt", n, "failed:", e)
    raise RuntimeError("all attempts failed") from last
def flaky(n):
    if n < 2:
        raise ConnectionError(f"try {n}")
    return f"success on {n}"
print(retry(flaky, 3))
try:
    retry(flaky, 2)
except RuntimeError as e:
    print(e, "<-", repr(e.__cause__))
