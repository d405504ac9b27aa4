print("shapes.square loaded")
__all__ = ["area", "side_default", "describe"]
side_default = 1
_private = "hidden by underscore"
helper_hidden = "not in __all__"
def area(s):
    return s * s
def describe(s):
    return f"square with side {s} has area {area(s)}"
