# String indexing and slicing with steps
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-4])
print(s[2:5], s[:3], s[7:], s[:], s[-3:], s[:-3], s[-3:-1], s[5:2], s[100:], s[-100:2])
print(s[::2], s[1::2], s[::-1], s[::-2], s[8:2:-2], s[2:8:-1], s[-1:-5:-1], s[::3], s[1:9:4])
print(s[None:None:None], s[slice(2, 6)], s[slice(None, None, -3)], s[slice(-2, None)])
for i in (10, -11, 100):
    try:
        s[i]
    except IndexError as e:
        print(type(e).__name__, e)
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    s["a"]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s[1.0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    s[0] = "z"
except TypeError as e:
    print(type(e).__name__, e)
u = "héllo wörld ☃ 𝄞!"
print(len(u), u[1], u[12], u[14], u[::-1], u[-2:], u[6:11])
print(s[True], s[False:True + 3], s[2 ** 70:], s[-(2 ** 70):3])
n = len(s)
print([s[i:j] for i in range(-1, 2) for j in range(n - 1, n + 1)])
