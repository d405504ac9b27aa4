# NameError uncaught inside a function, with a suggestion
def compute():
    total_value = 10
    return totl_value * 2
print("before")
compute()
