# f-string with an empty expression
print(f"{}")
