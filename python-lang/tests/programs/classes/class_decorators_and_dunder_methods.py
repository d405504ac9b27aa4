# Class decorators adding methods, __repr__ generated from fields, total ordering by hand
def auto_repr(cls):
    fields = cls.fields
    def __repr__(self):
        args = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
        return f"{cls.__name__}({args})"
    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in fields)
    def __init__(self, *args):
        for f, a in zip(fields, args, strict=True):
            setattr(self, f, a)
    cls.__repr__ = __repr__
    cls.__eq__ = __eq__
    cls.__init__ = __init__
    cls.__hash__ = None
    return cls
def ordering(cls):
    cls.__le__ = lambda a, b: a < b or a == b
    cls.__gt__ = lambda a, b: not a <= b
    cls.__ge__ = lambda a, b: not a < b
    return cls
@ordering
@auto_repr
class Version:
    fields = ("major", "minor")
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
v1, v2, v3 = Version(1, 2), Version(1, 10), Version(1, 2)
print(v1, v2, v1 == v3, v1 != v2, v1 < v2, v1 <= v3, v2 > v1, v1 >= v2)
print(sorted([v2, v1, Version(0, 9)]), max(v1, v2))
try:
    Version(1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    {v1}
except TypeError as e:
    print(type(e).__name__, e)
print(Version.__repr__.__qualname__, Version.__name__)
