# find / rfind / index / rindex / count / startswith / endswith
s = "hello world, hello python"
print(s.find("hello"), s.find("hello", 1), s.rfind("hello"), s.find("xyz"), s.find(""), s.rfind(""))
print(s.find("o", 5, 10), s.find("o", -6), s.rfind("o", 0, 5), s.find("l", -100, 100), s.find("h", 30))
print(s.index("world"), s.rindex("o"), s.count("o"), s.count("hello"), s.count(""), s.count("l", 3, 10))
print("aaaa".count("aa"), "".count(""), "abc".count("", 1), "abc".find("", 3), "abc".find("", 4))
try:
    s.index("xyz")
except ValueError as e:
    print(type(e).__name__, e)
try:
    s.rindex("xyz")
except ValueError as e:
    print(type(e).__name__, e)
print(s.startswith("hello"), s.startswith("world", 6), s.startswith(("x", "he")), s.startswith("", 100))
print(s.endswith("python"), s.endswith("hello", 0, 5), s.endswith(("on", "zz")), s.endswith("py", -6, -4))
try:
    s.startswith(["h"])
except TypeError as e:
    print(type(e).__name__, e)
print("hello" in s, "Hello" in s, "" in s, "o w" in s, "x" not in s)
print(s.find("o", None, None), s.count("l", None, 4), "ab" * 3 in "abababab")
