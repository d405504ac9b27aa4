# repr of strings with quotes, escapes, and unicode
tests = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\there", "nl\nx", "cr\r", "back\\slash", "\x00\x01\x1f\x7f",
         "\x80\x9f\xa0\xad", "é☃", "\u200b\u2028", "\U0001F600", "\ud800", "'", '"', "'\"", "", "\a\b\f\v", "\xff\u0100"]
for t in tests:
    print(repr(t), ascii(t), len(repr(t)))
print(str("a'b"), [("x", "y'z")], {"k\n": 'v"'})
print(r"raw\n\t", r"\\", len(r"\n"), "a" "b" 'c', """tri"ple""", '''x''')
print("\x41\x42", "\101\102", "\u00e9", "\N{BULLET}", "\
continued")
print(repr("\\n"), repr("\\"), repr("a\\'b"))
print(repr(b"bytes'q\"".decode()), "\t".isprintable(), repr(chr(0x1b)), repr(chr(0x85)))
