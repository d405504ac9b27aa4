# match: literal, capture, wildcard, value patterns
def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case True:
            return "true"
        case None:
            return "none"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case b"bytes":
            return "bytes"
        case 1j:
            return "imag"
        case _:
            return f"other {x!r}"
for v in [0, 1, 3, "hello", True, None, -1, 2.5, b"bytes", 1j, 1.0, False, "x", [1]]:
    print(repr(v), describe(v))
class Color:
    RED = "red"
    GREEN = "green"
def paint(c):
    match c:
        case Color.RED:
            return "stop"
        case Color.GREEN:
            return "go"
        case other:
            return f"unknown {other}"
print(paint("red"), paint("green"), paint("blue"))
match 42:
    case n:
        print("captured", n)
match "abc":
    case "a" "bc":
        print("implicit concat literal")
match -0.0:
    case 0:
        print("negative zero equals 0")
