# encode/decode round trips with common codecs and error handlers
text = "Añ€😀"
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32-be", "latin-1", "ascii", "cp1252"]:
    try:
        data = text.encode(enc)
        print(enc, data, len(data), data.decode(enc) == text)
    except UnicodeEncodeError as e:
        print(enc, type(e).__name__, e.encoding, e.start, e.end, e.reason)
for handler in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
    try:
        print(handler, text.encode("ascii", handler))
    except UnicodeEncodeError as e:
        print(handler, type(e).__name__, e)
bad = b"ok\xff\xfeok\xc3"
for handler in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
    try:
        print(handler, repr(bad.decode("utf-8", handler)))
    except UnicodeDecodeError as e:
        print(handler, type(e).__name__, e.start, e.end, e.reason)
print(b"\xef\xbb\xbfabc".decode("utf-8-sig"), b"abc".decode("utf_8"), "x".encode("UTF8"), "x".encode("Latin1"))
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print(type(e).__name__, e)
