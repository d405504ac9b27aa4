# sys: argv, version_info, maxsize, platform-independent attributes
import sys
print(sys.argv, len(sys.argv), sys.argv[0])
print(sys.version_info[:2], sys.version_info >= (3, 11), sys.version_info < (4,), sys.version_info[0], type(sys.version_info).__name__)
print(sys.version_info.major, sys.version_info.minor, isinstance(sys.version, str), sys.version.startswith("3.11"))
print(sys.maxsize, sys.maxsize + 1, -sys.maxsize - 1, type(sys.maxsize).__name__)
print(sys.byteorder in ("little", "big"), sys.implementation.name == "cpython" or True, isinstance(sys.path, list))
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info.min)
print(sys.int_info.bits_per_digit in (15, 30), sys.hash_info.modulus == 2 ** 61 - 1, sys.hash_info.inf, sys.hash_info.nan)
print(type(sys.modules).__name__, "sys" in sys.modules, "builtins" in sys.modules, sys.modules["sys"] is sys)
print(callable(sys.exit), callable(sys.getrecursionlimit), callable(sys.intern), sys.intern("abc") == "abc")
print(sys.flags.utf8_mode, sys.getdefaultencoding(), sys.stdout.encoding.lower().replace("-", ""))
