# Missing colon after if
x = 3
if x > 2
    print("big")
