# A small interpreter using match for an expression tree
def evaluate(node, env):
    match node:
        case int() | float() as n:
            return n
        case str() as name if name in env:
            return env[name]
        case str() as name:
            raise NameError(f"unbound {name}")
        case ("neg", x):
            return -evaluate(x, env)
        case ("+" | "-" | "*" | "/" as op, left, right):
            a, b = evaluate(left, env), evaluate(right, env)
            match op:
                case "+": return a + b
                case "-": return a - b
                case "*": return a * b
                case "/" if b == 0:
                    return float("inf")
                case "/": return a / b
        case ("let", str(name), value, body):
            return evaluate(body, {**env, name: evaluate(value, env)})
        case ("if", cond, then, else_):
            return evaluate(then if evaluate(cond, env) else else_, env)
        case {"call": fname, "args": [*args]}:
            return {"max": max, "min": min}[fname](*(evaluate(a, env) for a in args))
        case _:
            raise ValueError(f"bad node {node!r}")
tests = [
    ("+", 1, ("*", 2, 3)),
    ("let", "x", 5, ("-", "x", ("neg", 2))),
    ("/", 1, 0),
    ("if", ("-", 1, 1), "yes", "no"),
    {"call": "max", "args": [1, ("+", 2, 2), 3]},
    ("let", "y", 2.5, ("*", "y", "y")),
    "unbound_name",
    ("unknown", 1),
]
for t in tests:
    try:
        print(evaluate(t, {"yes": "Y", "no": "N"}))
    except (NameError, ValueError) as e:
        print(type(e).__name__, e)
