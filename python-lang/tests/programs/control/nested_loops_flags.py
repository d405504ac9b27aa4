# Nested loops with break/continue/else combinations and loop-variable leakage
def find_pair(nums, target):
    for i, a in enumerate(nums):
        for b in nums[i + 1:]:
            if a + b == target:
                break
        else:
            continue
        return a, b
    return None
print(find_pair([1, 4, 6, 9], 10), find_pair([1, 2], 10))
result = []
for i in range(4):
    if i == 1:
        continue
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        result.append((i, j))
    else:
        result.append(("no-break", i))
print(result)
table = []
for row in range(1, 4):
    line = []
    col = 1
    while True:
        line.append(row * col)
        col += 1
        if col > row:
            break
    table.append(line)
print(table)
k = 0
while k < 10:
    k += 1
    if k % 2 == 0:
        continue
    if k > 7:
        break
else:
    print("not reached")
print("k =", k)
for outer in "ab":
    for inner in "xy":
        pass
print(outer, inner)
