# Text files: writing, reading back in every way, positions, modes and attributes.
# Scratch files go to scratch/ (ignored by git); each run overwrites them.
path = 'scratch/text_write_read.txt'
f = open(path, 'w')
print(repr(f), f.name, f.mode, f.encoding, f.errors, f.closed)
print(f.write('first line\n'), f.write('second: h\u00e9llo \u20ac\n'), f.write(''))
f.writelines(['third\n', 'fourth'])
print('print to file', 42, sep='|', file=f)
print(f.tell(), f.writable(), f.readable(), f.seekable())
f.close()
print(f.closed, repr(f))
f.close()

with open(path) as f:
    print(repr(f.read(5)), f.tell(), repr(f.readline()), f.tell())
    print(repr(f.readline(4)), repr(f.readline()), f.tell())
    rest = f.read()
    print(repr(rest), repr(f.read()), repr(f.readline()))
    f.seek(0)
    print(f.readlines())
    f.seek(0)
    print([len(line) for line in f])
    print(f.seek(0, 2), f.seek(0, 1))
print(f.closed)

with open(path) as f:
    print(f.readlines(15))
    print(next(f), next(iter(f)))
    print(list(f))
    try:
        next(f)
    except StopIteration:
        print('StopIteration at the end')

with open(path, 'a') as f:
    print('append at', f.tell())
    f.write('appended\n')
with open(path, 'r+') as f:
    print(repr(f.read(5)))
    f.seek(0)
    f.write('FIRST')
    f.seek(0)
    print(repr(f.readline()))
with open(path, 'w+') as f:
    print(repr(f.read()))
    f.write('one\ntwo\n')
    f.seek(0)
    print(f.read().split())
    print(f.truncate(2), f.tell())
with open(path) as f:
    print(repr(f.read()))
with open(path, 'a+') as f:
    f.write('more')
    f.seek(0)
    print(repr(f.read()))
with open(path, 'w', buffering=1) as f:
    print(f.line_buffering)
    f.write('x\n')
    print(open(path).read() == 'x\n')
f = open(path)
print(f.__enter__() is f, f.__exit__(None, None, None), f.closed)
