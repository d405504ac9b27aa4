# Encodings and line endings of text files.
path = 'scratch/encodings_newlines.txt'
text = 'caf\u00e9 na\u00efve\nline two\n'
for encoding in ['utf-8', 'latin-1', 'utf-8-sig', 'utf-16', 'utf-16-be', 'utf-32', 'cp1252']:
    with open(path, 'w', encoding=encoding) as f:
        f.write(text)
    with open(path, 'rb') as f:
        raw = f.read()
    with open(path, encoding=encoding) as f:
        back = f.read()
    print(encoding, len(raw), raw[:8], back == text)
with open(path, 'w', encoding='ascii', errors='replace') as f:
    f.write('caf\u00e9\n')
print(open(path, 'rb').read())
with open(path, 'w', encoding='ascii') as f:
    try:
        f.write('caf\u00e9')
    except UnicodeEncodeError as e:
        print(type(e).__name__, e)

with open(path, 'wb') as f:
    f.write(b'unix\nwindows\r\nmac\rend')
for newline in [None, '', '\n', '\r', '\r\n']:
    with open(path, newline=newline) as f:
        lines = f.readlines()
        print(repr(newline), lines, f.newlines)
with open(path) as f:
    print(repr(f.read()), f.newlines)
with open(path, 'w', newline='\r\n') as f:
    f.write('a\nb\n')
with open(path, 'w', newline='\r') as f2:
    f2.write('c\nd\n')
with open(path, 'rb') as f:
    print(f.read())
with open(path, 'w', newline='') as f:
    f.write('keep\r\nas is\n')
print(open(path, 'rb').read())

with open(path, 'wb') as f:
    f.write(b'ok \xff\xfe bad\n\xe9t\xe9\n')
for errors in ['replace', 'ignore', 'backslashreplace', 'strict']:
    try:
        with open(path, errors=errors) as f:
            print(errors, repr(f.read()))
    except UnicodeDecodeError as e:
        print(errors, type(e).__name__, e)
with open(path, encoding='latin-1') as f:
    print(repr(f.readline()), f.tell(), repr(f.read(2)), f.tell())

with open(path, 'w') as f:
    f.write('\u00e9\u20ac\U0001f600\nabc\n')
with open(path) as f:
    print(repr(f.read(1)), f.tell(), repr(f.read(2)), f.tell(), repr(f.readline()), f.tell())
    position = f.tell()
    print(repr(f.readline()), f.seek(position), repr(f.readline()))
