# A property that refers to itself recurses until RecursionError
class Temperature:
    def __init__(self, c):
        self._c = c
    @property
    def celsius(self):
        return self.celsius
t = Temperature(20)
print("created", t._c)
print(t.celsius)
