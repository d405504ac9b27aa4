# AttributeError uncaught, with 3.11 'Did you mean' suggestion
class Point:
    def __init__(self):
        self.x = 1
        self.y = 2
p = Point()
print(p.x)
print(p.z)
