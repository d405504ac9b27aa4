# Searching and splitting bytes with ints, slices, and negative indices
data = b"GET /index.html HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\nbody"
head, _, body = data.partition(b"\r\n\r\n")
lines = head.split(b"\r\n")
method, path, version = lines[0].split(b" ")
headers = dict(line.split(b": ", 1) for line in lines[1:])
print(method, path, version, headers, body)
print(data.find(b"\r\n"), data.rfind(b"\r\n"), data.count(b"\r\n"), data.index(ord("/")), data.find(b"/", 5), data.find(b"x", -4))
print(data[-4:], data[4:15].upper(), data.startswith(b"GET"), data.endswith(b"body"), data[:3] in (b"GET", b"PUT"))
print(b"a,b;c d".replace(b";", b",").replace(b" ", b",").split(b","))
print(b" x y ".split(b" "), b"  x  y ".split(), b"1\n2\r\n3\r".splitlines(), b"k=v=w".split(b"=", 1), b"k=v=w".rsplit(b"=", 1))
print(bytes(reversed(b"abc")), b"abc"[::-1], b"abcdef"[1::2], memoryview(b"abcdef")[::3].tobytes())
