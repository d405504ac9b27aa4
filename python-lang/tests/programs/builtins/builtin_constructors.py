print(list((1, 2)), dict(a=1, b=2), dict([(1, 2)], c=3), set(), set('abca') == {'a', 'b', 'c'}, frozenset([1]))
print(int('5'), int('ff', 16), int('z', base=36), int(3.7), float('1.5'), str(5), str(b'xy', 'ascii'), bool(0), bool([1]))
print(type(5), type('X', (), {'a': 1}).a, tuple(), tuple([1, 2]), range(3), bytes(3), bytearray(b'ab'), complex(1, 2))
print(slice(1, 2), object().__class__, property(lambda s: 1).__class__.__name__)
class L(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.extra = 1
print(L((1, 2)), L().extra)
class A:
    def m(self): return 'A'
class B(A):
    def m(self): return 'B' + super().m()
print(B().m())
for bad in ["int('x')", "list(1)", "dict(1)", "set(1, 2)", "tuple(a=1)", "float('q')", "str(1, 2, 3, 4)", "bool(1, 2)"]:
    try:
        eval(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
