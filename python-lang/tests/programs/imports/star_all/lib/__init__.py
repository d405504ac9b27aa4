__all__ = ["exported", "CONST"]
CONST = 7
_hidden = 1
not_listed = 2
def exported():
    return "exported function"
