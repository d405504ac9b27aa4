print("pkg.broken executing")
x = 1 / 0
