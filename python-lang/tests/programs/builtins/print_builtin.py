# print with sep, end, file, flush; printing to stderr
import sys
print()
print("a", "b", "c")
print("a", "b", sep="")
print("a", "b", sep=" -- ", end=" <end>\n")
print(1, 2.0, None, True, [1], sep="|")
print("no newline", end="")
print(" continued")
print(sep="x", end="!\n")
print("x", sep=None, end=None)
print("to stderr", file=sys.stderr)
print("stderr", "two", sep=",", file=sys.stderr, end=";\n")
print("flushed", flush=True)
print(*range(5))
print(*[], sep="-")
print("a\tb\\n", "é", "😀")
try:
    print("x", sep=5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    print("x", end=[])
except TypeError as e:
    print(type(e).__name__, e)
class W:
    def __init__(self):
        self.data = []
    def write(self, s):
        self.data.append(s)
w = W()
print("into", "object", file=w)
print(w.data)
print("file=None goes to stdout", file=None)
sys.stdout.write("direct write\n")
n = sys.stdout.write("returns length\n")
print(n)
