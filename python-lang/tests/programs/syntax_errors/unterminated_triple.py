# Unterminated triple-quoted string
x = 1
s = """never
closed
