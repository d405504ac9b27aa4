# Custom exception hierarchies with extra state
class AppError(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[0]}"
class NotFound(AppError):
    pass
class Forbidden(AppError):
    def __init__(self, user):
        super().__init__(f"user {user} forbidden", 403)
        self.user = user
class Weird(Exception):
    def __repr__(self):
        return "Weird!"
def fail(kind):
    if kind == "nf":
        raise NotFound("no page", 404)
    if kind == "fb":
        raise Forbidden("bob")
    if kind == "w":
        raise Weird("w-arg")
    raise AppError("generic")
for k in ["nf", "fb", "w", "x"]:
    try:
        fail(k)
    except NotFound as e:
        print("NotFound:", e, e.code, repr(e))
    except AppError as e:
        print(type(e).__name__, str(e), e.args, getattr(e, "user", None))
    except Exception as e:
        print("other", repr(e), str(e))
print([c.__name__ for c in Forbidden.__mro__])
print(issubclass(NotFound, Exception), issubclass(AppError, BaseException), isinstance(NotFound("m"), AppError))
class NoInit(ValueError):
    pass
e = NoInit("a", "b")
print(repr(e), str(e), e.args)
class WithSlots(Exception):
    def __init__(self, *args):
        self.seen = args
try:
    raise WithSlots(1, 2)
except WithSlots as e:
    print(e.args, e.seen, repr(e))
try:
    class NotExc:
        pass
    raise NotExc()
except TypeError as e:
    print(type(e).__name__, e)
try:
    try:
        raise NotFound("x", 1)
    except NotExc:
        pass
except TypeError as e:
    print(type(e).__name__, e)
