# f-strings with conversions, =, nested specs, expressions
name = "World"
n = 42
pi = 3.14159265
items = [1, 2, 3]
d = {"k": "v"}
print(f"Hello, {name}!", f"{n}", f"{n:5}|", f"{n:<5}|", f"{pi:.3f}", f"{pi:10.2f}|")
print(f"{name!r}", f"{name!s}", f"{'é'!a}", f"{name!r:>10}", f"{items}", f"{d['k']}", f"{items[-1]}")
print(f"{n=}", f"{pi=:.2f}", f"{name = }", f"{1 + 1=}", f"{items[0]=!r}", f"{name=!s}")
w, p = 10, 3
print(f"{pi:{w}.{p}f}|", f"{pi:{w}}|", f"{name:{'>'}{w}}", f"{n:{'x'}}", f"{'abc':{'^'}{7}}|")
print(f"{{braces}}", f"{{{n}}}", f"{n}{n}", f"{'nested {q}'}", f"{n if n > 40 else 0}")
print(f"{[x * 2 for x in items]}", f"{(lambda x: x + 1)(5)}", f"{','.join(map(str, items))}", f"{len(name)}")
print(f"{3.0!r}", f"{None}", f"{True:>6}", f"{b'xy'}", f"{1e20:,.0f}", f"{-0.0}", f"{n:#x}", f"{n:08b}")
print(f'{"dq"}', f"{'sq'}", f"""{"tri"}""", rf"\n{n}", fr"{n}\t")
x = 5
print(f"{x:>{x}}|", f"{x!r:^{x * 2}}|", f"{'%d' % x}", f"{x * 'ab'}", f"{x:{'0'}>{3}}")
class T:
    def __format__(self, spec):
        return f"T<{spec}>"
    def __repr__(self):
        return "T()"
    def __str__(self):
        return "t-str"
t = T()
print(f"{t}", f"{t:abc}", f"{t!r}", f"{t!s}", f"{t=}", f"{t=:xyz}", f"{t=!s}")
