# from package import * with and without __all__, and package attributes after submodule import
from lib import *
print(sorted(k for k in globals() if not k.startswith("__")))
from lib.plain import *
print(sorted(k for k in globals() if not k.startswith("__")))
import lib
print(sorted(k for k in vars(lib) if not k.startswith("__")))
print(exported(), public_plain)
