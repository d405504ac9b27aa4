# Error cases of bytes operations
cases = [
    lambda: b"abc" + 1,
    lambda: b"abc" * 1.0,
    lambda: b"abc"[float(1)],
    lambda: b"abc".decode("nope"),
    lambda: bytes("abc"),
    lambda: bytes("é", "ascii"),
    lambda: b"\xff\xfe".decode("utf-8"),
    lambda: bytearray(b"x").extend([300]),
    lambda: bytearray(b"x").extend("str"),
    lambda: b"abc".count(256),
    lambda: b"%q" % 1,
    lambda: bytes.fromhex("abc"),
    lambda: b"x".center(5, b"ab"),
    lambda: (1234).to_bytes(1, "middle"),
    lambda: b"abc".replace("a", "b"),
    lambda: b"".join([1]),
    lambda: bytearray(2).insert(0, b"a"),
]
for i, f in enumerate(cases):
    try:
        print(i, f())
    except Exception as e:
        print(i, type(e).__name__, e)
