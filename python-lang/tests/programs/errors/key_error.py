# Uncaught KeyError: the message is the repr of the key
d = {"present": 1}
print(d["present"])
key = ("tuple", "key")
print(d[key])
