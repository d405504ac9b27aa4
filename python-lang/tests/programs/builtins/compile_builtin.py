# compile() in exec/eval/single modes
c = compile("3 * 7", "<expr>", "eval")
print(type(c).__name__, eval(c), c.co_filename, c.co_name)
m = compile("a = 5\nb = a + 1", "<module>", "exec")
ns = {}
exec(m, ns)
print(ns["a"], ns["b"], m.co_filename)
s = compile("print('single mode')", "<single>", "single")
exec(s)
try:
    compile("1 +", "bad.py", "eval")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.filename, e.lineno)
try:
    compile("x", "f", "nope")
except ValueError as e:
    print(type(e).__name__, e)
try:
    compile("x = 1", "f", "eval")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
fn_code = compile("def f(x):\n    return x + 1\n", "<fn>", "exec")
env = {}
exec(fn_code, env)
print(env["f"](41), env["f"].__code__.co_filename)
print(eval(compile("[i for i in range(3)]", "<c>", "eval")))
