class Base:
    kind = "base"
    def describe(self):
        return f"{type(self).__name__}({self.name}) kind={self.kind}"
