# Using lists as stacks/queues and common algorithms
stack = []
for tok in "3 4 + 2 * 7 -".split():
    if tok.isdigit():
        stack.append(int(tok))
    else:
        b, a = stack.pop(), stack.pop()
        stack.append({"+": a + b, "-": a - b, "*": a * b}[tok])
print("rpn", stack)
queue = [1]
seen = []
while queue:
    n = queue.pop(0)
    if n > 20:
        continue
    seen.append(n)
    queue.extend([n * 2, n * 3])
print(seen)
def quicksort(xs):
    if len(xs) <= 1:
        return xs
    p, *rest = xs
    return quicksort([x for x in rest if x < p]) + [p] + quicksort([x for x in rest if x >= p])
print(quicksort([5, 3, 8, 1, 9, 2, 7, 3, 5]))
def merge(a, b):
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i]); i += 1
        else:
            out.append(b[j]); j += 1
    return out + a[i:] + b[j:]
print(merge([1, 4, 9], [2, 3, 10, 11]))
def binsearch(xs, t):
    lo, hi = 0, len(xs)
    while lo < hi:
        mid = (lo + hi) // 2
        if xs[mid] < t:
            lo = mid + 1
        else:
            hi = mid
    return lo
xs = list(range(0, 100, 7))
print([binsearch(xs, t) for t in (0, 1, 7, 50, 98, 200)])
primes = [p for p in range(2, 60) if all(p % d for d in range(2, int(p ** 0.5) + 1))]
print(primes)
