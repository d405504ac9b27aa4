# str.format with positional, named, attribute and index fields
class P:
    x = 3
    y = [10, 20]
print("{} {} {}".format(1, "a", None), "{0} {1} {0}".format("a", "b"), "{x} {y}".format(x=1, y=2))
print("{0.x} {0.y[1]} {d[k]} {d[0]}".format(P, d={"k": "v", 0: "zero"}) if False else "{0.x} {0.y[1]} {d[k]}".format(P, d={"k": "v"}))
print("{:>8}|{:<8}|{:^8}|{:*^9}|{:08.3f}|{:+d}".format("r", "l", "c", "s", 3.14159, 7))
print("{0!r} {0!s} {0!a}".format("é'"), "{!r:>10}".format("x"))
print("{{literal}} {}".format(5), "{:{w}.{p}f}".format(3.14159, w=10, p=2), "{:{}}".format("a", 5) + "|")
print("{0[0]}{0[1]}".format("ab"), "{[2]}".format([7, 8, 9]), "{a[1][0]}".format(a=[[0], [1]]))
print(format("abc", "5"), format("abc", ">5"), format("abc", ".2"), format(123, "5"), format(None, ""), format([1], ""))
print("{:,}".format(1234567.891), "{:_b}".format(255), "{:e}".format(0.000123), "{:%}".format(0.25))
print("{:x<4d}|{:=+8.2f}|{:#010b}|{:#o}".format(7, -3.5, 5, 64))
print("{}".format({"a": 1}), "{:s}".format("s"), "{:10}|".format(True), "{:d}".format(True))
for fmt, args, kwargs in [("{", (), {}), ("}", (), {}), ("{0} {}", (1, 2), {}), ("{} {0}", (1, 2), {}), ("{2}", (1,), {}),
                           ("{x}", (), {}), ("{:d}", ("s",), {}), ("{!z}", (1,), {}), ("{:s}", (1,), {}), ("{0.nope}", (1,), {})]:
    try:
        print(fmt.format(*args, **kwargs))
    except (ValueError, IndexError, KeyError, AttributeError) as e:
        print(type(e).__name__, e)
print("{0:}{1:}".format("a", "b"), "{:^}".format("c"), "{:}".format(1.5))
print("{name}-{0}".format_map({"name": "m"}) if False else "{name}".format_map({"name": "mapped"}))
