# Name mangling of __private attributes
class A:
    def __init__(self):
        self.__secret = "A-secret"
        self._protected = "prot"
    def get(self):
        return self.__secret
    def __hidden(self):
        return "hidden A"
    def call_hidden(self):
        return self.__hidden()
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = "B-secret"
    def get_b(self):
        return self.__secret
b = B()
print(b.get(), b.get_b(), sorted(vars(b)))
print(b._A__secret, b._B__secret, b._protected, b.call_hidden(), b._A__hidden())
try:
    b.__secret
except AttributeError as e:
    print(type(e).__name__, e)
class C:
    __cls_private = 5
    def read(self):
        return self.__cls_private, C.__cls_private
    def dunder_ok(self):
        return self.__class__.__name__
print(C().read(), C._C__cls_private, C().dunder_ok(), hasattr(C, "__cls_private"))
class _Under:
    def __m(self):
        return "underscore class"
    def call(self):
        return self.__m()
print(_Under().call(), [k for k in vars(_Under) if "m" in k and "__module__" != k])
def outside(obj):
    return getattr(obj, "_C__cls_private")
print(outside(C()))
