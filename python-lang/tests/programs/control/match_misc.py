# match on objects with custom __eq__, on tuples vs lists, and fallthrough semantics
class Anything:
    def __eq__(self, other):
        return True
ANY = Anything()
class Consts:
    ANY = ANY
match 123:
    case Consts.ANY:
        print("value pattern uses ==")
match [1, 2, 3]:
    case (1, 2, 3):
        print("tuple pattern matches list")
match (1, 2):
    case [1, 2]:
        print("list pattern matches tuple")
def run(x):
    out = []
    match x:
        case int() if x > 100:
            out.append("big")
        case int():
            out.append("int")
    out.append("after")
    return out
print(run(500), run(5), run("s"))
def m(x):
    match x:
        case {"a": 1} | {"b": 2}:
            return "mapping alt"
        case [1, 2] | (3, 4, 5):
            return "seq alt"
        case str() | bytes():
            return "text"
    return None
print(m({"a": 1}), m({"b": 2, "c": 0}), m([3, 4, 5]), m(b"x"), m(1.5))
match 1, 2:
    case x, y:
        print("subject tuple without parens", x, y)
x = 99
match 7:
    case x:
        pass
print("capture rebinds", x)
