# Unmatched closing bracket
x = 1]
