# An error inside an except block, inside a finally-protected region
def risky():
    try:
        return [1, 2][5]
    except IndexError as e:
        print("handling", e)
        return undefined_name
    finally:
        print("finally executed")
risky()
