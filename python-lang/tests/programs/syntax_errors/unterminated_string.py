# Unterminated string literal
print("start)
