"""A module with a module-level __getattr__."""
real_attr = "real"
def __getattr__(name):
    if name.startswith("computed_"):
        return name[len("computed_"):].upper()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
def __dir__():
    return ["real_attr", "computed_anything"]
def read_new():
    return new_attr
