"""dicts: dict- and set-heavy workloads -- a hash-join of two tables, grouping and
counting, a memoized recursive function, breadth-first search over a dict-of-lists graph,
set algebra, dict comprehensions and deletion-heavy churn with tuple and string keys.

Exercises dict insert/lookup/update/delete, get/setdefault/pop/items/keys/values, `in`,
insertion-order iteration, tuple and str hashing, set add/discard/union/intersection/
difference, and dict/set comprehensions.
Usage: dicts.py [ROUNDS]  (default 75); prints a checksum per part and in total.
"""

import sys

MOD = 1000000007


def lcg(state):
    return (state * 1103515245 + 12345) & 0x7FFFFFFF


def tables(n, seed):
    people = {}
    orders = []
    state = seed
    for i in range(n):
        state = lcg(state)
        people[f"p{i}"] = {"age": 18 + state % 60, "city": f"c{(state >> 8) % 37}"}
    for j in range(3 * n):
        state = lcg(state)
        orders.append((f"p{state % (n + n // 10)}", (state >> 9) % 500))
    return people, orders


def join_and_group(people, orders):
    by_city = {}
    missing = 0
    for person, amount in orders:
        info = people.get(person)
        if info is None:
            missing += 1
            continue
        city = info["city"]
        totals = by_city.setdefault(city, {"orders": 0, "amount": 0, "buyers": set()})
        totals["orders"] += 1
        totals["amount"] += amount
        totals["buyers"].add(person)
    h = missing
    for city in sorted(by_city):
        t = by_city[city]
        h = (h * 31 + t["orders"] * 7 + t["amount"] + len(t["buyers"])) % MOD
    ages = {}
    for name, info in people.items():
        ages[info["age"]] = ages.get(info["age"], 0) + 1
    oldest = max(ages)
    return (h + ages[oldest] + len(ages)) % MOD


def collatz_lengths(limit):
    memo = {1: 1}

    def length(n):
        if n in memo:
            return memo[n]
        result = 1 + length(n // 2 if n % 2 == 0 else 3 * n + 1)
        memo[n] = result
        return result

    best = 0
    best_n = 1
    for n in range(1, limit):
        k = length(n)
        if k > best:
            best = k
            best_n = n
    return (best * 100000 + best_n + len(memo)) % MOD


def grid_graph(width, height, seed):
    graph = {}
    state = seed
    for x in range(width):
        for y in range(height):
            graph[(x, y)] = []
    for (x, y), edges in graph.items():
        for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1)):
            state = lcg(state)
            if state % 10 < 7 and (x + dx, y + dy) in graph:
                edges.append((x + dx, y + dy))
    return graph


def bfs(graph, start):
    distance = {start: 0}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            d = distance[node] + 1
            for n in graph[node]:
                if n not in distance:
                    distance[n] = d
                    following.append(n)
        frontier = following
    return distance


def graph_part(seed):
    graph = grid_graph(40, 40, seed)
    distance = bfs(graph, (0, 0))
    reached = set(distance)
    unreached = set(graph) - reached
    far = {node for node, d in distance.items() if d > 30}
    near = {node for node, d in distance.items() if d <= 10}
    diagonal = {(i, i) for i in range(40)}
    h = len(reached) * 3 + len(unreached) + len(far & diagonal) * 5 + len(near | diagonal)
    h += len(diagonal - reached) + sum(distance.values()) + max(distance.values())
    return h % MOD


def churn(n, seed):
    live = {}
    state = seed
    removed = 0
    for i in range(n):
        state = lcg(state)
        key = (state % 997, (state >> 10) % 13)
        if key in live:
            del live[key]
            removed += 1
        else:
            live[key] = i
        if i % 7 == 0:
            state = lcg(state)
            k = (state % 997, (state >> 10) % 13)
            removed += 1 if live.pop(k, None) is not None else 0
    squares = {k: v * v % 1009 for k, v in live.items() if v % 3}
    inverted = {}
    for k, v in squares.items():
        inverted.setdefault(v, []).append(k)
    seen = set()
    for k in live.keys():
        seen.add(k[1])
    seen.discard(0)
    h = len(live) * 31 + removed + len(squares) + len(inverted) + len(seen)
    for k in list(live)[:50]:
        h = (h * 17 + k[0] + k[1]) % MOD
    return (h + sum(len(v) for v in inverted.values())) % MOD


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 75
    parts = [0, 0, 0, 0]
    for r in range(rounds):
        people, orders = tables(2000, 77 + r)
        parts[0] = (parts[0] * 3 + join_and_group(people, orders)) % MOD
        parts[1] = (parts[1] * 3 + collatz_lengths(3000 + r)) % MOD
        parts[2] = (parts[2] * 3 + graph_part(5 + r)) % MOD
        parts[3] = (parts[3] * 3 + churn(20000, 99 + r)) % MOD
    for i, part in enumerate(parts):
        print(f"part {i + 1}: {part}")
    total = 0
    for part in parts:
        total = (total * 1000003 + part) % MOD
    print(f"total: {total}")


main()
