# list/set/dict comprehensions: nesting, conditions, scoping
print([x * x for x in range(6)], [x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)], [[y for y in range(x)] for x in range(4)])
print({x % 4 for x in range(20)}, {x: x ** 2 for x in range(5)}, {c: i for i, c in enumerate("abca")})
print([x if x % 2 else -x for x in range(6)], [c.upper() for c in "abc" if c != "b"])
x = "outer"
r = [x for x in range(3)]
print(x, r)
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 1], [[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row], sum(v for row in matrix for v in row))
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    try:
        bad = [v * factor for v in vals for factor in [2]]
    except NameError as e:
        bad = str(e)
print(C.doubled, C.bad)
print([y for x in [[1, 2], [3]] for y in x], {(a, b) for a in range(2) for b in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print([(i, j) for i in range(3) if i for j in range(3) if j > i], [n for n in [3, 0, 2] if n] )
words = ["apple", "bob", "kayak", "level", "xyz"]
print({w: w == w[::-1] for w in words}, [len(w) for w in words])
print([[0] * 3 for _ in range(2)], [i for i in range(10)][::-3])
