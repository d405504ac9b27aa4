helper_calls = 0
def shout(s):
    global helper_calls
    helper_calls += 1
    return s.upper() + "!"
