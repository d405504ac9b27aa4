# memoryview basics over bytes and bytearray
data = bytearray(b"abcdef")
m = memoryview(data)
print(len(m), m[0], m[-1], bytes(m[1:4]), m.tobytes(), m.tolist(), m.readonly, m.nbytes, m.itemsize, m.format, m.ndim)
m[0] = 65
m[1:3] = b"BC"
print(data, m.tobytes())
sub = m[2:5]
sub[0] = ord("z")
print(data, bytes(sub), sub.tolist())
print(m == b"ABzdef", m[::2].tobytes(), m[::-1].tobytes() if True else "", m.hex())
r = memoryview(b"readonly")
print(r.readonly, r[0], bytes(r[4:]), r.obj == b"readonly")
try:
    r[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    m[0] = 256
except ValueError as e:
    print(type(e).__name__, e)
try:
    m[1:3] = b"xyz"
except ValueError as e:
    print(type(e).__name__, e)
try:
    memoryview("str")
except TypeError as e:
    print(type(e).__name__, e)
with memoryview(b"ctx") as cm:
    print(bytes(cm))
try:
    cm[0]
except ValueError as e:
    print(type(e).__name__, e)
m.release()
try:
    len(m)
except ValueError as e:
    print(type(e).__name__, e)
print(bytes(memoryview(b"xyz")), bytearray(memoryview(b"q")), list(memoryview(b"\x01\x02")))
