# Invalid character in source
x = 5
y = x € 2
