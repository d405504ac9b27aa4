# Integer arithmetic: + - * with small and negative values, and mixed forms
vals = [0, 1, -1, 7, -7, 13, -13, 100]
for a in vals:
    row = []
    for b in vals:
        row.append(a + b)
        row.append(a - b)
        row.append(a * b)
    print(a, row)
print(2 + 3 * 4 - 5)
print((2 + 3) * (4 - 5))
print(-3 - -3, +5, -(-5), --5, -+-5)
print(10 - 2 - 3, 2 * 3 * 4)
x = 5
x += 3; print(x)
x -= 10; print(x)
x *= -4; print(x)
print(0 * -1, -0, 0 == -0)
print(1_000_000 + 2_000, 0x_ff, 0o_17, 0b_1010)
print(0xFF, 0o777, 0b1111_0000, 0XAB, 0O12, 0B11)
