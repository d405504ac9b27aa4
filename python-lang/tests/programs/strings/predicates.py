# is* predicates
samples = ["abc", "ABC", "Abc", "abc123", "123", "½", "²", "٣", "  ", "\t\n", "", "a b", "Title Case", "Title case",
           "hello_world", "_x", "1x", "class", "é", "Ⅻ", "x\u0301", "\x00", "abc\x7f", "ǅ", "Hello World!"]
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isspace(),
          s.isupper(), s.islower(), s.istitle(), s.isidentifier(), s.isprintable(), s.isascii())
