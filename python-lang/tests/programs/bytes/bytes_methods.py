# bytes methods mirror str methods
b = b"  Hello, World!  "
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b" !H"), b.upper(), b.lower(), b.swapcase(), b.title())
print(b.split(), b.split(b","), b"a,b,,c".split(b",", 1), b"a b c".rsplit(None, 1), b"x\ny\r\nz".splitlines())
print(b"-".join([b"a", b"b", bytearray(b"c")]), b"".join([]), b"abc".replace(b"b", b"BB"), b"aaa".replace(b"a", b"", 2))
print(b.find(b"o"), b.rfind(b"o"), b.index(b"W"), b.count(b"l"), b.find(111), b.count(108), b.find(b"zz"))
print(b"hello".startswith(b"he"), b"hello".endswith((b"lo", b"x")), b"key=val".partition(b"="), b"a=b=c".rpartition(b"="))
print(b"abc".center(9, b"*"), b"abc".ljust(5), b"abc".rjust(5, b"0"), b"42".zfill(5), b"-7".zfill(4))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" \t".isspace(), b"ABC".isupper(), b"abc".islower(), b"Ab Cd".istitle(), b"\x80".isascii())
print(b"hello world".capitalize(), b"a\tb".expandtabs(4), b"abc".translate(bytes.maketrans(b"abc", b"xyz")), b"abcabc".translate(None, b"b"))
print(b"%s=%d %x %r %%" % (b"k", 5, 255, b"q"), b"%5s|%-5s|" % (b"ab", b"cd"), b"%c%c" % (65, b"B"))
print(b"hello".decode(), b"h\xc3\xa9".decode("utf-8"), b"\xe9".decode("latin-1"), b"abc".removeprefix(b"a"), b"abc".removesuffix(b"c"))
try:
    b"abc".split(b"")
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"abc".join(["x"])
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"abc".index(b"z")
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"%d" % b"x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    b"%s" % "str"
except TypeError as e:
    print(type(e).__name__, e)
