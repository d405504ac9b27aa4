# What open() and file methods raise, with CPython's messages.
def attempt(label, action):
    try:
        result = action()
        print(label, 'ok', result)
    except Exception as e:
        print(label, type(e).__name__, e)

path = 'scratch/file_errors.txt'
open(path, 'w').close()
try:
    open('no such file.txt')
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, isinstance(e, OSError))
    print(e)
attempt('directory', lambda: open('.'))
attempt('exists', lambda: open(path, 'x'))
attempt('empty name', lambda: open(''))
attempt('bytes name', lambda: open(b'no such file'))
for mode in ['q', 'rr', 'rw', 'rt+b', 'U', '', 'ab+t', 'wt']:
    attempt('mode %r' % mode, lambda: open(path, mode).close())
attempt('binary encoding', lambda: open(path, 'rb', encoding='utf-8'))
attempt('binary errors', lambda: open(path, 'wb', errors='strict'))
attempt('binary newline', lambda: open(path, 'rb', newline=''))
attempt('bad newline', lambda: open(path, newline='x'))
attempt('unbuffered text', lambda: open(path, buffering=0))
attempt('unknown encoding', lambda: open(path, encoding='no-such-codec'))
attempt('mode type', lambda: open(path, 3))
attempt('encoding type', lambda: open(path, encoding=3))
attempt('file type', lambda: open(2.5))
attempt('no file', lambda: open())
attempt('bad keyword', lambda: open(path, colour='red'))
attempt('null byte', lambda: open('a\0b'))
attempt('negative fd', lambda: open(-1))
attempt('closefd with name', lambda: open(path, closefd=False))

f = open(path, 'w')
attempt('write bytes', lambda: f.write(b'x'))
attempt('write int', lambda: f.write(5))
attempt('read on w', lambda: f.read())
attempt('seek cur', lambda: f.seek(1, 1))
attempt('seek negative', lambda: f.seek(-1))
attempt('seek whence', lambda: f.seek(0, 7))
f.close()
for op in ['read', 'readline', 'write', 'tell', 'flush', 'fileno', 'readable', '__next__', '__enter__']:
    attempt('closed ' + op, lambda: getattr(f, op)() if op != 'write' else f.write('x'))
r = open(path, 'rb')
attempt('rb write', lambda: r.write(b'x'))
attempt('rb write str', lambda: r.write('x'))
attempt('rb truncate', lambda: r.truncate())
attempt('rb read arg', lambda: r.read('2'))
r.close()
attempt('closed rb read', lambda: r.read())
attempt('closed rb write', lambda: r.write(b'x'))
w = open(path, 'wb')
attempt('wb read', lambda: w.read())
attempt('wb write str', lambda: w.write('text'))
w.close()
try:
    open(path).write('x')
except OSError as e:
    print(type(e).__name__, e, isinstance(e, ValueError), type(e).__module__)
