# Positional argument after keyword argument
print(sep="-", "a")
