# Invalid assignment target: a literal
x = 1
1 = x
