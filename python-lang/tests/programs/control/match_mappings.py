# match: mapping patterns with **rest, keys that are values, extra keys ignored
def handle(event):
    match event:
        case {"type": "click", "x": x, "y": y}:
            return f"click at {x},{y}"
        case {"type": "key", "key": "q" | "Q"}:
            return "quit"
        case {"type": "key", "key": k, **rest}:
            return f"key {k} extra={rest}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "empty-ish mapping"
        case _:
            return "not a mapping"
for ev in [{"type": "click", "x": 1, "y": 2, "button": 3}, {"type": "key", "key": "Q"}, {"type": "key", "key": "a", "mod": "shift"},
           {"type": "scroll"}, {"other": 1}, {}, [("type", "click")], "string"]:
    print(handle(ev))
class D(dict):
    def __missing__(self, key):
        return "missing-called"
match D(a=1):
    case {"b": b}:
        print("should not match", b)
    case {"a": a}:
        print("D matched a", a)
KEY = "dynamic"
class K:
    key = "dynamic"
match {"dynamic": 5}:
    case {K.key: v}:
        print("value-pattern key", v)
match {1: "one", -2: "neg", None: "none", "s": 0, b"b": 1}:
    case {1: o, -2: t, None: n, "s": 0, b"b": bb}:
        print(o, t, n, bb)
match {"a": {"b": [1, 2]}}:
    case {"a": {"b": [_, second]}}:
        print("nested mapping", second)
