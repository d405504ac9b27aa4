# String literal forms: implicit concatenation, raw strings, triple quotes, line continuations
s = ("implicit "
     "concatenation "
     'mixed ' """quotes""")
print(s)
print(r"C:\new\table", R"\d+", len(r"\\"), r"\"" , r'\'')
print("""line one
line two
  indented""")
print('''single "triple" 'quotes' ''')
t = "back\
slash continuation"
print(t)
print("\'\"\\\a\b\f\n\r\t\v".encode())
print("\0\07\101\1012", len("\0\07\101\1012"), "\x7e\u007e\U0000007e")
print(u"unicode prefix", type(u"x").__name__)
print("a" 'b' f"{1+1}" rf"{'r'}\n")
print(len("""
"""), repr("""a
b"""), "tab:\t|")
