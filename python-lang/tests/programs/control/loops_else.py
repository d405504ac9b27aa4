# for/while with else, break, continue, nested loops
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
i = 0
while i < 5:
    i += 1
    if i == 3:
        continue
    print("while", i)
else:
    print("while finished normally")
i = 0
while True:
    i += 1
    if i > 2:
        break
else:
    print("never printed")
print("broke at", i)
for x in []:
    print("never")
else:
    print("empty for else")
for i in range(3):
    for j in range(3):
        if j == 1:
            continue
        if i == 2:
            break
        print("pair", i, j)
    else:
        print("inner else", i)
count = 0
while count < 3:
    count += 1
else:
    print("count", count)
for i in range(5):
    pass
print("loop var after loop", i)
for i in range(3):
    try:
        if i == 1:
            continue
        print("try body", i)
    finally:
        print("finally", i)
n = 10
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps", steps)
for i, ch in enumerate("abc"):
    if ch == "b":
        break
else:
    print("no")
print(i, ch)
