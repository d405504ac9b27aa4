# The builtin exception hierarchy
names = ["BaseException", "SystemExit", "KeyboardInterrupt", "GeneratorExit", "Exception", "StopIteration", "StopAsyncIteration",
         "ArithmeticError", "FloatingPointError", "OverflowError", "ZeroDivisionError", "AssertionError", "AttributeError",
         "BufferError", "EOFError", "ImportError", "ModuleNotFoundError", "LookupError", "IndexError", "KeyError",
         "MemoryError", "NameError", "UnboundLocalError", "OSError", "FileNotFoundError", "PermissionError", "TimeoutError",
         "ReferenceError", "RuntimeError", "NotImplementedError", "RecursionError", "SyntaxError", "IndentationError", "TabError",
         "SystemError", "TypeError", "ValueError", "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError",
         "Warning", "DeprecationWarning", "UserWarning", "ExceptionGroup", "BaseExceptionGroup", "ConnectionError", "BrokenPipeError"]

for n in names:
    cls = eval(n)
    print(n, "->", [c.__name__ for c in cls.__mro__])
print(IOError is OSError, EnvironmentError is OSError)
try:
    raise KeyboardInterrupt
except Exception:
    print("not caught by Exception")
except BaseException as e:
    print("caught by BaseException", type(e).__name__)
try:
    raise StopIteration
except Exception as e:
    print("StopIteration is an Exception", repr(e))
