# Forms of import statements and what names they bind
import shapes
import shapes.circle
import shapes.square as sq
from shapes import circle as c, square
from shapes.circle import area as circle_area, PI
from shapes.square import *
import math, sys as system
print(shapes.circle.area(1), sq.area(2), c is shapes.circle, square is sq, circle_area(2), PI)
print(side_default, describe(3))
print("_private" in dir(), "helper_hidden" in dir())
print(math.floor(2.7), system.__name__)
print(sorted(k for k in dir(shapes) if not k.startswith("__")))
def local_import():
    from shapes.circle import area
    import shapes.square
    return area(3), "shapes" in locals(), "area" in locals()
print(local_import())
import shapes.circle as again
print(again is c)
