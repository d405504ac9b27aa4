# list.sort and sorted: stability, key, reverse, errors
people = [("alice", 30), ("bob", 25), ("carol", 30), ("dave", 25), ("eve", 35), ("frank", 30)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: -p[1]))
print(sorted(people, reverse=True))
p2 = list(people)
p2.sort(key=lambda p: p[0][-1])
print(p2)
nums = [5, -3, 2, -8, 0, 7, -1]
print(sorted(nums), sorted(nums, key=abs), sorted(nums, key=abs, reverse=True), sorted(nums, reverse=True))
words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
mixed = [3.5, 1, 2.25, True, 0]
print(sorted(mixed))
try:
    sorted([1, "a", 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    [3, 1].sort(lambda x: x)
except TypeError as e:
    print(type(e).__name__, e)
data = [(i % 3, i) for i in range(12)]
data.sort(key=lambda t: t[0])
print(data)
data.sort(key=lambda t: t[0], reverse=True)
print(data)
r = [1, 2, 3]
print(r.sort(), r, sorted("hello"), sorted((3, 1, 2)), sorted({3: 0, 1: 0}), sorted([]))
big = [(i * 7919) % 1000 for i in range(200)]
s = sorted(big)
print(s[:10], s[-5:], all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
print(sorted([[2, 1], [1, 2], [1], []]), sorted([(1, "b"), (1, "a"), (0, "z")]))
