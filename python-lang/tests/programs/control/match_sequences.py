# match: sequence patterns with star, nested, length checks; strings are not sequences
def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a}"
        case [a, b]:
            return f"two {a},{b}"
        case [first, *_, last] if first == last:
            return f"same ends {first}"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"
for v in [[], [1], (1, 2), [1, 2, 3], [5, 0, 0, 5], range(4), "ab", b"ab", {1, 2}, {"a": 1}]:
    print(repr(v), seq(v))
def nested(x):
    match x:
        case [(a, b), [c, *rest]]:
            return a, b, c, rest
        case [[[deep]]]:
            return "deep", deep
        case (1, *_):
            return "starts with 1"
    return "no match"
print(nested([(1, 2), [3, 4, 5]]), nested([[[9]]]), nested((1, "x")), nested([2]))
def star_pos(x):
    match x:
        case [*init, "end"]:
            return ("ends", init)
        case ["start", *tail]:
            return ("starts", tail)
        case [*_]:
            return "any sequence"
        case _:
            return "not a sequence"
print(star_pos(["a", "end"]), star_pos(["start", 1, 2]), star_pos([1]), star_pos("end"), star_pos(5))
match (1, 2, 3):
    case [x, y, z]:
        print("tuple matched list pattern", x, y, z)
match [1, [2, 3]]:
    case [int(a), [int(b), str(c)]]:
        print("no")
    case [int(a), [int(b), int(c)]]:
        print("typed", a, b, c)
