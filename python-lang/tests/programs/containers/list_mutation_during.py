# Mutating lists while iterating, list.sort key errors, sort during key function, identity preservation
nums = [1, 2, 3, 4, 5, 6]
for n in nums[:]:
    if n % 2 == 0:
        nums.remove(n)
print(nums)
nums = [1, 2, 3, 4, 5, 6]
print([n for n in nums if n % 2])
i = 0
items = [3, 0, 4, 0, 5]
while i < len(items):
    if items[i] == 0:
        del items[i]
    else:
        i += 1
print(items)
data = [3, 1, 2]
try:
    data.sort(key=lambda x: 1 / (x - 2))
except ZeroDivisionError as e:
    print(type(e).__name__, e, data)
objs = [[2], [1], [3]]
ids_before = [id(o) for o in objs]
objs.sort()
print(objs, sorted(ids_before) == sorted(id(o) for o in objs))
lst = [5, 3, 1]
def key_mutates(x):
    lst.append(0)
    return x
try:
    lst.sort(key=key_mutates)
except ValueError as e:
    print(type(e).__name__, e)
print(lst)
stack = [1, [2, [3, [4]]]]
flat = []
while stack:
    top = stack.pop()
    if isinstance(top, list):
        stack.extend(top)
    else:
        flat.append(top)
print(flat)
