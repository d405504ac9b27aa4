# Reading data files that ship beside the program.
with open('words.txt') as f:
    words = [line.rstrip('\n') for line in f]
print(words, len(words))
print(open('words.txt').read().split())
with open('crlf.txt') as f:
    print(f.readlines(), f.newlines)
with open('crlf.txt', newline='') as f:
    print(f.readlines())
with open('crlf.txt', 'rb') as f:
    print(f.read())
with open('latin1.txt', encoding='latin-1') as f:
    print(f.read().strip())
try:
    open('latin1.txt').read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e.reason, e.start, e.end)
print(open('latin1.txt', errors='replace').read().strip())

total = 0
count = 0
positions = []
with open('numbers.txt') as f:
    while True:
        line = f.readline()
        if not line:
            break
        count += 1
        total += int(line.split()[0])
        if count % 500 == 0:
            positions.append(f.tell())
print(count, total, positions)
with open('numbers.txt') as f:
    f.seek(positions[1])
    print(repr(f.readline()))
    chunks = []
    while True:
        piece = f.read(4096)
        if not piece:
            break
        chunks.append(len(piece))
    print(len(chunks), sum(chunks), f.tell())
with open('numbers.txt', 'rb') as f:
    data = f.read()
    print(len(data), data.count(b'\n'), data[-10:])
    f.seek(100)
    print(f.read(12), f.tell())
lines = open('numbers.txt').readlines()
print(len(lines), lines[1999], sum(len(l) for l in lines))
