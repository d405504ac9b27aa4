# assert statements with and without messages
assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, repr(e), e.args)
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print(type(e).__name__, e, e.args)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print(type(e).__name__, e, e.args)
calls = []
def msg():
    calls.append("msg evaluated")
    return "lazy"
assert True, msg()
print(calls)
try:
    assert 0, msg()
except AssertionError as e:
    print(e, calls)
def check(x):
    assert isinstance(x, int), f"expected int, got {type(x).__name__}"
    return x * 2
for v in (2, "s", 3.0):
    try:
        print(check(v))
    except AssertionError as e:
        print("AssertionError:", e)
print(__debug__)
