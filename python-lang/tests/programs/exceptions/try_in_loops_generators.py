# try/except inside loops and comprehensions, and exceptions stopping iteration
def parse_all(items):
    out = []
    for s in items:
        try:
            out.append(int(s))
        except ValueError:
            out.append(None)
            continue
        finally:
            out.append("|")
    return out
print(parse_all(["1", "x", "3"]))
def safe(f, *a):
    try:
        return f(*a)
    except Exception as e:
        return type(e).__name__
print([safe(lambda x: 10 // x, v) for v in [1, 0, 5]], [safe(int, s) for s in ["4", "four"]])
total = 0
data = iter([1, 2, "three", 4])
while True:
    try:
        v = next(data)
        total += v
    except StopIteration:
        break
    except TypeError as e:
        print("skipping bad item:", e)
print(total)
def gen():
    for i in range(5):
        try:
            yield 10 // (2 - i)
        except ZeroDivisionError:
            yield "div0"
print(list(gen()))
