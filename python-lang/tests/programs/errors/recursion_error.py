# Unbounded recursion: RecursionError with a repeated-line summary in the traceback
def countdown(n):
    return countdown(n - 1) + 1
print("recursing")
countdown(10)
