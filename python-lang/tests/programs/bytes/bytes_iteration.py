# Iterating bytes, building them, converting to and from ints and text
data = "Grüße, 世界".encode("utf-8")
print(data, len(data))
print([hex(b) for b in data[:6]])
out = bytearray()
for byte in data:
    out.append(byte ^ 0x20 if 65 <= byte <= 122 else byte)
print(bytes(out), out.decode("utf-8", "replace"))
chunks = [data[i:i + 4] for i in range(0, len(data), 4)]
print(chunks, b"".join(chunks) == data)
print(int.from_bytes(b"\x00\x01\x00", "big"), (65535).to_bytes(4, "little"), (1).to_bytes(1, "big") * 3)
checksum = 0
for b in b"The quick brown fox":
    checksum = (checksum * 31 + b) % 65521
print(checksum)
print(bytes([x for x in range(48, 58)]), bytes(x * 2 for x in b"\x01\x02\x03"))
print(b"abc"[1], b"abc"[1:2], bytes([b"abc"[1]]), chr(b"abc"[2]), ord(b"a"), ord(bytearray(b"z")))
print(b"A".lower() == b"a", sorted([b"b", b"a", b"ab"]), max(b"ab", b"b"), b"\x00" < b"\x00\x00")
print(list(reversed(b"xyz")), list(enumerate(b"hi")), list(zip(b"ab", b"cd")))
print(str(b"q"), repr(bytearray(b"q'\"")), f"{b'fmt'}", "%s" % b"pct", format(b"x"))
