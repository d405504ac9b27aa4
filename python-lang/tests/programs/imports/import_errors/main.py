# ImportError variants, printed
import sys
try:
    import missing_module
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e, "|", e.name)
try:
    from pkg import missing_name
except ImportError as e:
    print(type(e).__name__, "|", e, "|", e.name)
try:
    import pkg.nosub
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e, "|", e.name)
try:
    import pkg.broken
except ZeroDivisionError as e:
    print("error during import:", type(e).__name__, e)
print("pkg.broken" in sys.modules)
try:
    import pkg.broken
except ZeroDivisionError as e:
    print("second attempt re-executes:", e)
try:
    from pkg.good import nope
except ImportError as e:
    print(type(e).__name__, "|", e)
from pkg.good import ok
print(ok)
try:
    exec("from . import x")
except ImportError as e:
    print(type(e).__name__, "|", e)
try:
    __import__("")
except ValueError as e:
    print(type(e).__name__, "|", e)
import pkg
print(sorted(k for k in vars(pkg) if not k.startswith("__")))
