# Code points, ord/chr, and non-ASCII strings
for ch in "aZ0 ~\x00\n\t\x7fé€☃😀𝄞":
    print(repr(ch), ord(ch), hex(ord(ch)), chr(ord(ch)) == ch)
print(chr(65), chr(0x263A), chr(0x1F600), chr(0), repr(chr(0x10FFFF)), repr(chr(0xD800)))
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError as e:
        print(type(e).__name__, e)
for bad in ("", "ab"):
    try:
        ord(bad)
    except TypeError as e:
        print(type(e).__name__, e)
s = "naïve café 日本語 🐍"
print(len(s), [ord(c) for c in s[-5:]], s.upper(), s.encode("utf-8"), len(s.encode("utf-8")))
print(s.encode("utf-8").decode("utf-8") == s, "🐍".encode("utf-16-le"), "é".encode("latin-1"))
print("\N{GREEK SMALL LETTER ALPHA}", "\u03b1" == "α", "\U0001F40D", "\x41\101\u0041")
print(sorted("bacé"), max("hello"), min("hello"), "é" > "z", "Z" < "a")
print([c for c in "a😀b"], list(reversed("a😀b")), "😀" * 3, "ab😀".find("😀"), "😀😀".count("😀"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
print("é".encode("ascii", "replace"), "é".encode("ascii", "ignore"), b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"))
