# while loops: sentinel loops, nested break flags, gcd, digit sums, simulated do-while
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcd(2 ** 40, 6 ** 20))
def digits(n):
    out = []
    while True:
        n, r = divmod(n, 10)
        out.append(r)
        if n == 0:
            break
    return out[::-1]
print(digits(0), digits(90210), sum(digits(2 ** 100)))
grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
target = 6
found = None
r = 0
while r < len(grid) and found is None:
    c = 0
    while c < len(grid[r]):
        if grid[r][c] == target:
            found = (r, c)
            break
        c += 1
    r += 1
print(found)
n = 0
while n < 100:
    n += 7
    if n % 5 == 0:
        continue
    if n > 50:
        break
print(n)
stack = [(0, [])]
paths = []
while stack:
    node, path = stack.pop()
    path = path + [node]
    children = [node * 2 + 1, node * 2 + 2]
    kids = [k for k in children if k < 7]
    if not kids:
        paths.append(path)
    for k in reversed(kids):
        stack.append((k, path))
print(paths)
