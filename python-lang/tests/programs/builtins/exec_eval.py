# exec and eval of small strings
print(eval("1 + 2 * 3"), eval("[x * x for x in range(4)]"), eval("'abc'.upper()"), eval(" 42 "), eval("\t7"))
ns = {"a": 10}
print(eval("a + b", ns, {"b": 5}), eval("len(s)", {"s": "hello"}))
exec("c = a * 2", ns)
print(ns["c"], "__builtins__" in ns)
code = """
def sq(n):
    return n * n
result = [sq(i) for i in range(5)]
"""
env = {}
exec(code, env)
print(env["result"], env["sq"](9), sorted(k for k in env if not k.startswith("__")))
loc = {}
exec("x = 1\ny = x + 1", {}, loc)
print(loc)
print(exec("1 + 1"), eval("None"))
x = "global x"
def f():
    x = "local x"
    return eval("x")
print(f(), eval("x"))
for src in ["1 +", "def", "x = = 2"]:
    try:
        eval(src)
    except SyntaxError as e:
        print(type(e).__name__, e.msg, e.lineno, e.offset)
try:
    eval("undefined_name")
except NameError as e:
    print(type(e).__name__, e)
try:
    eval("x = 1")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
try:
    exec("raise ValueError('from exec')")
except ValueError as e:
    print(type(e).__name__, e)
print(eval("__name__"), eval("__name__", {"__name__": "custom"}))
print(eval("abs(-3)", {"__builtins__": {"abs": abs}}))
try:
    eval("len([])", {"__builtins__": {}})
except NameError as e:
    print(type(e).__name__, e)
