# sys.exit raises SystemExit, which can be caught
import sys
for arg in [(), (0,), (3,), ("message",), (None,), ((1, 2),)]:
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(arg, repr(e), e.code, e.args)
try:
    raise SystemExit(5)
except BaseException as e:
    print(type(e).__name__, e.code, isinstance(e, Exception))
def cleanup_order():
    try:
        sys.exit(2)
    finally:
        print("finally runs before exit propagates")
try:
    cleanup_order()
except SystemExit as e:
    print("caught code", e.code)
print("program continues and exits normally")
