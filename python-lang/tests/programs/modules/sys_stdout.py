# sys.stdout.write / sys.stderr.write and print interleaving
import sys
n = sys.stdout.write("written directly\n")
print("return value", n)
sys.stdout.write("no newline, ")
sys.stdout.write("then newline\n")
sys.stderr.write("error stream line\n")
print("print after write")
sys.stdout.write("é😀\n")
print(sys.stdout.write(""), sys.stdout.isatty(), sys.stdin.isatty() if sys.stdin else "no stdin")
sys.stdout.flush()
try:
    sys.stdout.write(5)
except TypeError as e:
    print(type(e).__name__, e)
print(sys.stdin.read() == "", sys.stdin.readline() == "")
old = sys.stdout
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
cap = Capture()
sys.stdout = cap
print("captured", 1, 2)
sys.stdout = old
print("restored; captured parts:", cap.parts)
print(sys.__stdout__ is old)
