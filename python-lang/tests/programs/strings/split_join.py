# str.split / rsplit / splitlines / join
s = "  the quick  brown\tfox\njumps  "
print(s.split())
print(s.split(" "))
print(s.split(None, 2), s.split(maxsplit=1), s.rsplit(None, 2), s.rsplit(maxsplit=1))
print("a,b,,c,".split(","), "a,b,,c,".split(",", 2), "a,b,,c,".rsplit(",", 2))
print("".split(), "".split(","), "   ".split(), "abc".split("abc"), "xabcx".split("abc"))
print("a::b::c".split("::"), "a::b::c".rsplit("::", 1), "aaaa".split("aa"), "aaa".split("aa"))
try:
    "abc".split("")
except ValueError as e:
    print(type(e).__name__, e)
print("line1\nline2\r\nline3\rline4".splitlines())
print("line1\nline2\r\n".splitlines(True), "".splitlines(), "\n".splitlines(), "a\n\nb".splitlines())
print("x\x0by\x0cz\x1cw\u2028v".splitlines())
print(",".join(["a", "b", "c"]), "".join([]), "-".join("abc"), " ".join(("x",)), "ab".join(["1", "2", "3"]))
try:
    ",".join(["a", 1, "b"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    ",".join(5)
except TypeError as e:
    print(type(e).__name__, e)
print("\n".join(str(i) * i for i in range(4)))
print("a b c".split(" ", -1), "a b c".split(" ", 0), "1 2 3 4".rsplit(" ", -1))
