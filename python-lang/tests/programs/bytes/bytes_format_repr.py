# repr of bytes chooses quotes and escapes, and formatting of bytes
for v in [b"", b"'", b'"', b"'\"", b"\\", b"\x00", b"\x7f\x80", b"\t\n\r", b"abc\xff", bytes(range(28, 36)), bytes([10, 13, 9, 39])]:
    print(repr(v), str(v), len(repr(v)))
print(repr(bytearray(b"'")), repr(bytearray()), repr(bytearray(b"\"'")), str(bytearray(b"z")))
print(b"%5.2s|" % b"abcdef", b"%-4d|%04x" % (7, 255), b"%a" % "é", b"%r" % "q", b"%b" % b"bb", b"%s" % bytearray(b"ba"))
print(b"%(k)s %(n)d" % {b"k": b"v", b"n": 3})
print(bytes(memoryview(b"mv")) == b"mv", b"x".hex(), b"%%" % ())
print(f"{b'abc'!r}", "{!s}".format(b"z"), "%r" % bytearray(b"q"))
