# A RecursionError caught once (the interpreter recovers), then an uncaught one from a second function
def walk(node):
    return helper(node)
def helper(node):
    return walk(node)
print("walking")
try:
    walk(0)
except RecursionError as e:
    print("caught once:", e)
def again(n):
    if n < 0:
        return 0
    return again(n + 1)
again(0)
