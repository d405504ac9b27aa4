# Exception args, str, repr, and attributes of builtin exceptions
for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(None), KeyError("k"), KeyError("a", "b"), KeyError(),
          IndexError(3), OSError(2, "No such file"), StopIteration(5), SystemExit(3), UnicodeError("u"), AssertionError("x", [1])]:
    print(type(e).__name__, repr(e), str(e), e.args)
e = ValueError("msg")
e.args = ("changed", 1)
print(e, repr(e))
e.custom = 42
print(e.custom)
print(StopIteration(7).value, StopIteration().value, SystemExit(4).code, SystemExit().code, SystemExit("m").code)
try:
    {}["key"]
except KeyError as ke:
    print(ke.args, str(ke), repr(ke))
try:
    [].pop()
except IndexError as ie:
    print(ie.args)
try:
    int("x")
except ValueError as ve:
    print(ve.args)
try:
    None.attr
except AttributeError as ae:
    print(ae.args, ae.name, type(ae.obj).__name__)
try:
    undefined_variable
except NameError as ne:
    print(ne.args, ne.name)
import sys
try:
    import no_such_module_xyz
except ModuleNotFoundError as me:
    print(type(me).__name__, me.name, me, isinstance(me, ImportError))
e = OSError(2, "No such file or directory", "path.txt")
print(e.errno, e.strerror, e.filename, str(e), type(e).__name__, type(FileNotFoundError()).__mro__[1].__name__)
print(BaseException("b").with_traceback(None).args, Exception("x").__traceback__)
ee = Exception("notes")
ee.add_note("first note")
ee.add_note("second note")
print(ee.__notes__)
