# upper/lower/title/capitalize/swapcase/casefold
words = ["hello world", "HELLO World", "they're bill's friends", "ABC def GHI", "hello_world-foo bar9baz",
         "ǆungla", "straße", "ΣΊΣΥΦΟΣ", "i̇stanbul", "123abc", "", "mIxEd CaSe"]
for w in words:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold())
print("ß".upper(), "ﬁ".upper(), "ŉ".upper(), "İ".lower(), len("İ".lower()))
print("hello".upper().lower() == "hello", "Straße".casefold() == "STRASSE".casefold())
print("a1b2".title(), "don't stop".title(), "x.y.z".title(), "ab cd".capitalize(), "AB CD".capitalize())
