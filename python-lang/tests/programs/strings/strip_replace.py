# strip family, replace, removeprefix/removesuffix, expandtabs
s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "xyhiyx".strip("xy"), "abc".strip(""), "www.example.com".strip("cmowz."))
print(repr("\u3000 wide\u00a0".strip()), repr("\x1c\x1dx\x1e\x1f".strip()))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "aaa".replace("a", "", 1), "abc".replace("", "-"))
print("abc".replace("", "-", 2), "".replace("", "x"), "hello".replace("l", "L", 0), "hello".replace("xyz", "q"))
print("aaaa".replace("aa", "b"), "banana".replace("ana", "X"), "a.b.c".replace(".", "::"))
print("prefix_body".removeprefix("prefix_"), "prefix_body".removeprefix("x"), "body.py".removesuffix(".py"), "a".removesuffix(""))
print(repr("a\tb\tc".expandtabs()), repr("a\tbc\td".expandtabs(4)), repr("12345\t1\n\tx".expandtabs(3)), repr("\t".expandtabs(0)))
print(repr("  x  ".strip(" x")), repr("".strip()), repr("  ".rstrip()))
try:
    "abc".strip(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "abc".replace("a")
except TypeError as e:
    print(type(e).__name__, e)
