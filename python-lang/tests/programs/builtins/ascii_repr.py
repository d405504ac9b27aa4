# ascii and repr
for v in ["plain", "é", "日本", "😀", "\n\t", "'", b"bytes\xff", ["é", 1], {"ключ": "значение"}, ("tab\t",), 1.5, None]:
    print(repr(v), ascii(v))
class C:
    def __repr__(self):
        return "C<é>"
print(repr(C()), ascii(C()), ascii([C()]), str([C()]))
print(repr(repr("x")), repr(str), repr(1e100), repr(-0.0), repr(2 ** 70), repr(3j), repr(...), repr(NotImplemented))
