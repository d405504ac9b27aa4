# if/elif/else chains, nested conditionals, conditional expressions
def classify(n):
    if n < 0:
        kind = "negative"
    elif n == 0:
        kind = "zero"
    elif n < 10:
        if n % 2:
            kind = "small odd"
        else:
            kind = "small even"
    else:
        kind = "large"
    return kind
print([classify(n) for n in (-5, 0, 3, 4, 10, 99)])
def fizz(n):
    return "FizzBuzz" if n % 15 == 0 else "Fizz" if n % 3 == 0 else "Buzz" if n % 5 == 0 else str(n)
print(" ".join(fizz(i) for i in range(1, 31)))
x = 5
if x > 3: print("one-line if")
if x < 3: print("no")
else: print("one-line else")
if []:
    print("no")
elif {}:
    print("no")
elif 0.0:
    print("no")
else:
    print("all falsy")
if (y := x * 2) > 8:
    print("walrus in if", y)
def grade(s):
    for limit, g in ((90, "A"), (80, "B"), (70, "C")):
        if s >= limit:
            return g
    return "F"
print([grade(s) for s in (95, 85, 75, 10, 90, 80)])
if x:
    pass
print("pass ok")
