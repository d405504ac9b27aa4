# An uncaught FileNotFoundError from open() ends the program.
def load(name):
    with open(name) as f:
        return f.read()


print('loading')
print(load('missing/config.txt'))
