# Walrus to an attribute is not allowed
class C: pass
c = C()
(c.x := 5)
