# Uncaught KeyError with a string key containing quotes
d = {}
d["it's"]
