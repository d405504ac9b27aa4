# Format specs applied to strings
s = "pyrite"
for spec in ["", "10", "<10", ">10", "^10", "*^11", "-<9", ".3", "10.2", ">10.4", "^3", "0>8", "s"]:
    print(repr(spec), repr(format(s, spec)), repr(f"{s:{spec}}"))
for spec in ["d", "x", "=10", "+", ",", "#"]:
    try:
        format(s, spec)
    except ValueError as e:
        print(repr(spec), type(e).__name__, e)
print(repr(format("", "5")), repr(format("é😀", "^6")), repr(format("ab", "\u2605^6")))
print(repr("{:<{}}|".format("x", 4)), repr("{:>{w}.{p}}".format("abcdef", w=6, p=2)))
