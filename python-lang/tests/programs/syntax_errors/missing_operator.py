# Invalid syntax: two expressions with no operator
x = 1 2
