# Concatenation, repetition, comparison, membership, iteration
a, b = "foo", "bar"
print(a + b, a * 3, 3 * a, a * 0, a * -2, "" * 100, (a + b) * 2)
print(a < b, a > b, a == "foo", a is not b, "abc" < "abcd", "abc" <= "abc", "b" > "abc")
try:
    a + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 + a
except TypeError as e:
    print(type(e).__name__, e)
try:
    a * 1.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    a * "x"
except TypeError as e:
    print(type(e).__name__, e)
for ch in "xyz":
    print(ch, end=".")
print()
print(list("hi!"), tuple("ab"), set("aa") == {"a"}, dict.fromkeys("ab", 0), sorted("cba"))
s = ""
for i in range(5):
    s += str(i)
print(s, len(s), s[::-1], int(s) + 1)
print(str(), str(123), str(1.5), str([1, "a"]), str((1,)), str({"a": [1]}), str(b"x"))
print(min("dbca"), max(["ab", "b", "abc"]), sorted(["b", "A", "a", "B"]), sorted(["b", "A", "a"], key=str.lower))
print("-".join(reversed("abc")), "abc"[::-1] == "".join(reversed("abc")))
