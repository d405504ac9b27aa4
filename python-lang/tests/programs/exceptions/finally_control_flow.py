# finally with return/break/continue overriding exceptions and returns
def ret_in_finally():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"
print(ret_in_finally())
def override_return():
    try:
        return "try"
    finally:
        return "finally"
print(override_return())
def finally_sees_value():
    x = "before"
    try:
        return x
    finally:
        x = "changed"
        print("finally ran, x =", x)
print(finally_sees_value())
def break_in_finally():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return f"broke at {i}"
print(break_in_finally())
def continue_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError
            out.append(i)
        finally:
            continue
    return out
print(continue_in_finally())
def nested_finally():
    log = []
    try:
        try:
            return log
        finally:
            log.append("inner")
    finally:
        log.append("outer")
print(nested_finally())
def loop_return():
    for i in range(5):
        try:
            if i == 2:
                return i
        finally:
            print("cleanup", i)
print(loop_return())
def while_finally():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                break
            continue
        finally:
            print("finally n =", n)
    return n
print(while_finally())
def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
try:
    exc_in_finally()
except TypeError as e:
    print(repr(e), repr(e.__context__))
