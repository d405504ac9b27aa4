# Building strings: caesar cipher, run-length encoding, palindromes
def caesar(text, k):
    out = []
    for c in text:
        if c.isupper():
            out.append(chr((ord(c) - 65 + k) % 26 + 65))
        elif c.islower():
            out.append(chr((ord(c) - 97 + k) % 26 + 97))
        else:
            out.append(c)
    return "".join(out)
msg = "Hello, World! xyz"
enc = caesar(msg, 3)
print(enc, caesar(enc, -3), caesar(msg, 26) == msg, caesar(msg, -29))
def rle(s):
    if not s:
        return ""
    out = []
    prev, count = s[0], 1
    for c in s[1:]:
        if c == prev:
            count += 1
        else:
            out.append(f"{count}{prev}")
            prev, count = c, 1
    out.append(f"{count}{prev}")
    return "".join(out)
for s in ["aaabccdddd", "", "a", "abc", "zzzzzzzzzzzz"]:
    print(repr(s), rle(s))
def is_pal(s):
    t = [c.lower() for c in s if c.isalnum()]
    return t == t[::-1]
for s in ["A man, a plan, a canal: Panama", "race a car", "", "Was it a car or a cat I saw?"]:
    print(is_pal(s))
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print("".join(sorted("hello world")).strip(), "-".join(f"{i:02}" for i in range(5)))
