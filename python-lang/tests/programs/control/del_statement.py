# del on names, attributes, subscripts, slices, and tuples of targets
x = 5
del x
try:
    x
except NameError as e:
    print(type(e).__name__, e)
lst = list(range(10))
del lst[0], lst[-1]
print(lst)
del lst[1:3], lst[::2]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print(type(e).__name__, e)
class O:
    pass
o = O()
o.attr = 1
o.other = 2
del o.attr
print(vars(o))
try:
    del o.attr
except AttributeError as e:
    print(type(e).__name__, e)
a, b = 1, 2
del (a, b)
print("a" in dir(), "b" in dir())
p, q = 3, 4
del [p, q]
print("p" in dir())
def local_del():
    v = 1
    del v
    v = 2
    return v
print(local_del())
try:
    del undefined_name
except NameError as e:
    print(type(e).__name__, e)
nested = {"k": [1, {"x": 2}]}
del nested["k"][1]["x"]
print(nested)
for i in range(3):
    pass
del i
print("i" in dir())
