"""generators: generator pipelines, recursive `yield from` tree walks, deep delegation
chains, return values through `yield from`, coroutines driven by send(), and generator
expressions consumed by sum/min/max/any/all.

Usage: generators.py [ROUNDS]  (default 100); prints a checksum per part and in total.
"""

import sys

MOD = 1000000007


# Part 1: a pipeline of small stages.

def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1


def mapped(f, source):
    for x in source:
        yield f(x)


def only(pred, source):
    for x in source:
        if pred(x):
            yield x


def pairwise_sums(source):
    previous = None
    for x in source:
        if previous is not None:
            yield previous + x
        previous = x


def take(n, source):
    if n <= 0:
        return
    for x in source:
        yield x
        n -= 1
        if n == 0:
            return


def pipeline(n):
    stage = count_up(n)
    stage = mapped(lambda x: x * x % 1009, stage)
    stage = only(lambda x: x & 1, stage)
    stage = pairwise_sums(stage)
    stage = take(n // 3, stage)
    total = 0
    for x in stage:
        total = (total * 7 + x) % MOD
    return total


# Part 2: recursive tree walks with yield from.

def build_tree(lo, hi):
    """A balanced binary search tree over lo..hi-1, as (left, value, right) tuples."""
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return (build_tree(lo, mid), mid, build_tree(mid + 1, hi))


def in_order(tree):
    if tree is None:
        return
    left, value, right = tree
    yield from in_order(left)
    yield value
    yield from in_order(right)


def tree_walk(tree):
    total = 0
    expected = 0
    for value in in_order(tree):
        if value != expected:
            raise ValueError("tree walk out of order")
        expected += 1
        total = (total * 3 + value) % MOD
    return total


# Part 3: a deep delegation chain; each level adds to the value returned from below.

def leaf(n):
    total = 0
    for i in range(n):
        yield i
        total += i
    return total


def chain(depth, n):
    if depth == 0:
        result = yield from leaf(n)
    else:
        result = yield from chain(depth - 1, n)
    return result + depth


def delegation(depth, n):
    gen = chain(depth, n)
    seen = 0
    while True:
        try:
            seen += next(gen)
        except StopIteration as stop:
            return (seen + stop.value) % MOD


# Part 4: coroutines driven with send().

def averager():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return count
        total += value
        count += 1
        average = total // count


def grouper(results, key):
    while True:
        results[key] = yield from averager()


def coroutines(n):
    results = {}
    checksum = 0
    for key in range(8):
        group = grouper(results, key)
        next(group)
        for i in range(n):
            average = group.send((i * (key + 3)) % 101)
            checksum = (checksum + average) % MOD
        group.send(None)
    for key in results:
        checksum = (checksum * 5 + results[key]) % MOD
    return checksum


# Part 5: generator expressions feeding builtins.

def expressions(n):
    squares = sum(x * x for x in range(n) if x % 3)
    smallest = min((x * 7919) % 10007 for x in range(1, n))
    largest = max((x * 7919) % 10007 for x in range(1, n))
    nested = sum(a * b for a in range(60) for b in range(a) if (a ^ b) & 1)
    flags = (any(x > n for x in range(n)), all(x < n for x in range(n)))
    words = [str(i) for i in range(200)]
    joined = len("".join(w for w in words if "7" in w))
    return (squares + smallest * 3 + largest * 5 + nested + joined
            + (1 if flags[1] else 0) + (2 if flags[0] else 0)) % MOD


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    tree = build_tree(0, 8191)
    parts = [0, 0, 0, 0, 0]
    for r in range(rounds):
        parts[0] = (parts[0] + pipeline(30000 + r)) % MOD
        parts[1] = (parts[1] + tree_walk(tree)) % MOD
        parts[2] = (parts[2] + delegation(40, 4000 + r)) % MOD
        parts[3] = (parts[3] + coroutines(1500 + r)) % MOD
        parts[4] = (parts[4] + expressions(8000 + r)) % MOD
    for i, part in enumerate(parts):
        print(f"part {i + 1}: {part}")
    total = 0
    for part in parts:
        total = (total * 1000003 + part) % MOD
    print(f"total: {total}")


main()
