# Binary files: BufferedReader/Writer/Random and FileIO.
path = 'scratch/binary_files.bin'
with open(path, 'wb') as f:
    print(repr(f), f.mode, type(f).__name__)
    print(f.write(b'abc\n'), f.write(bytearray(b'de\r\n')), f.write(memoryview(b'\x00\xff')))
    f.writelines([b'\n', b'last'])
    print(f.tell())
with open(path, 'rb') as f:
    print(repr(f), f.read(2), f.read(0), f.readline(), f.tell())
    print(f.readline(2), f.readline(), list(f))
    print(f.read(), f.read(10))
    print(f.seek(-4, 2), f.read(), f.seek(1), f.seek(2, 1), f.read(1))
    f.seek(0)
    print(f.readlines(), f.readable(), f.writable(), f.seekable())
with open(path, 'ab') as f:
    print(repr(f), f.tell())
    f.write(b'!')
with open(path, 'rb+') as f:
    print(repr(f), f.mode)
    print(f.read(3))
    f.write(b'XY')
    f.seek(0)
    print(f.read())
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(f.read())
with open(path, 'w+b') as f:
    print(type(f).__name__, f.mode, f.read())
raw = open(path, 'wb', buffering=0)
print(repr(raw), type(raw).__name__, raw.write(b'raw bytes\n'), raw.closefd)
raw.close()
print(repr(raw), raw.closed)
raw = open(path, 'rb', buffering=0)
print(raw.read(3), raw.readline(), raw.read(), raw.tell())
raw.close()
with open(path, 'rb') as f:
    data = f.read()
print(data, len(data))
for size in [None, -1, 4]:
    with open(path, 'rb') as f:
        print(size, f.read(size))
