# bytearray slice assignment and deletion with steps
base = bytes(range(10))
def show(label, x):
    print(label, list(x))
x = bytearray(base)
x[2:5] = b""
show("del via empty", x)
x = bytearray(base)
x[:0] = b"\xaa\xbb"
show("prepend", x)
x = bytearray(base)
x[len(x):] = [200, 201]
show("append", x)
x = bytearray(base)
del x[1::3]
show("del step", x)
x = bytearray(base)
del x[::-2]
show("del neg step", x)
x = bytearray(base)
x[::-3] = b"\x01\x02\x03\x04"
show("assign neg step", x)
x = bytearray(base)
x[-3:] = bytearray(b"\x09")
show("shrink tail", x)
x = bytearray(base)
x[3:3] = range(50, 53)
show("insert range", x)
x = bytearray(b"abc")
x[1:2] = x
print(x)
x = bytearray(b"abcdef")
x[5:1:-1] = b"WXYZ"
print(x)
x = bytearray(b"abc")
x[7:9] = b"!"
print(x, len(x))
