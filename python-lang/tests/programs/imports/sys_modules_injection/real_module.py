import virtual
def uses_virtual():
    return f"real_module sees virtual.answer = {virtual.answer}"
