# match: or-patterns, as-patterns, guards, binding order and failure side-effects
def f(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"moving {direction}"
        case ["get", obj] | ["take", obj]:
            return f"taking {obj}"
        case ["drop", *objs] if objs:
            return f"dropping {', '.join(objs)}"
        case ["drop"]:
            return "drop what?"
        case [("look" | "l") as verb, *rest] as whole:
            return f"{verb} {rest} whole={whole}"
        case [_, _, _, *_] as many:
            return f"too many words: {len(many)}"
        case _:
            return "unknown"
for c in ["go north", "go up", "get lamp", "take sword", "drop a b", "drop", "look", "l around", "a b c d", ""]:
    print(repr(c), f(c))
calls = []
def guard(label, result):
    calls.append(label)
    return result
match (1, 2):
    case (a, b) if guard("first", False):
        pass
    case (a, 3) if guard("never", True):
        pass
    case (a, b) if guard("second", True):
        print("matched second", a, b)
print(calls)
match [1, 2]:
    case [x, 3]:
        pass
    case _:
        print("fell through to wildcard")
match 5:
    case (1 | 2) | (3 | 5) as num:
        print("nested or", num)
match {"k": [1, (2, 3)]}:
    case {"k": [1, (2, _) as inner] as lst} as full:
        print(inner, lst, full)
