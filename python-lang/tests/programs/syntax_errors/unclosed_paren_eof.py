# An unclosed parenthesis at end of file
x = (1 +
