# An uncaught ExceptionGroup is printed as a tree
def task(n):
    if n % 2:
        raise ValueError(f"task {n} failed")
    return n
errors = []
for i in range(4):
    try:
        task(i)
    except ValueError as e:
        errors.append(e)
print("collected", len(errors))
raise ExceptionGroup("tasks failed", errors)
