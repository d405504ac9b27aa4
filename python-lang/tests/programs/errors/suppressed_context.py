# raise ... from None hides the context
def get(d, k):
    try:
        return d[k]
    except KeyError:
        raise LookupError(f"no key {k}") from None
print(get({"x": 1}, "x"))
get({}, "missing")
