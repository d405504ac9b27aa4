# Chained subscripts/attributes with custom __getitem__ returning objects, and augmented assignment routing
log = []
class Node:
    def __init__(self, name):
        self.name = name
        self.children = {}
    def __getitem__(self, k):
        log.append(f"{self.name}.getitem({k})")
        if k not in self.children:
            self.children[k] = Node(f"{self.name}/{k}")
        return self.children[k]
    def __setitem__(self, k, v):
        log.append(f"{self.name}.setitem({k}, {v!r})")
        self.children[k] = v
    def __repr__(self):
        return f"Node({self.name!r})"
    def __iadd__(self, other):
        log.append(f"{self.name}.iadd({other})")
        return self
root = Node("root")
root["a"]["b"] = 1
print(log); log.clear()
root["x"] += 5
print(log); log.clear()
root["a"]["c"]["d"] = "deep"
print(log); log.clear()
class Attr:
    def __init__(self):
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append(f"getattr {name}")
        return 10
    def __setattr__(self, name, value):
        self.log.append(f"setattr {name}={value}")
a = Attr()
a.counter += 1
print(a.log)
