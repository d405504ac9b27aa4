# Keyword used as an identifier
class = 3
