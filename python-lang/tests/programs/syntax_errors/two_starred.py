# Multiple starred expressions in assignment
a, *b, *c = range(5)
