print("helper: executing, __name__ =", __name__)
COUNT = 3
def greet(who):
    return f"hello, {who}"
if __name__ == "__main__":
    print("helper run directly")
