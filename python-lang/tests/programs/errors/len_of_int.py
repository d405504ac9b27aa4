# Bad argument to a builtin: len(5)
print("len of a list:", len([1, 2, 3]))
print(len(5))
