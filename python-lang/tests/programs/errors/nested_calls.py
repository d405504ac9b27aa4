# Traceback through several nested function calls
def parse(s):
    return int(s)
def load(items):
    return [parse(x) for x in items]
def main():
    print("loading")
    data = load(["1", "2", "three"])
    print(data)
main()
