# %-formatting
print("%s %r %d %i %f %.2f %e %g %x %X %o %c %%" % ("s", "r", 42, -3, 3.14, 2.718, 12345.6, 0.0001, 255, 255, 8, 65))
print("%5s|%-5s|%05d|%-5d|%+d|% d|%+.1f|%10.3e" % ("ab", "ab", 42, 42, 5, 5, 2.25, 1234.5))
print("%#x %#o %#X %#b" % (255, 8, 255, 5) if False else "%#x %#o %#X" % (255, 8, 255))
print("%(name)s is %(age)d years, %(name)r" % {"name": "Ann", "age": 30})
print("%s" % (1,), "%s" % [1, 2], "%s %s" % ("a", (1, 2)), "%s" % ((1, 2),), "%r" % "x")
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%c%c" % ("x", 0x263A), "%5.2s|" % "abcdef", "%.0f %.0f %.0f" % (0.5, 1.5, 2.5))
print("%d %d" % (3.99, -3.99), "%s" % None, "%s" % True, "%d" % True, "%x" % -255, "%o" % -8)
print("%i%%" % 50, "%a" % "é", "%-8r|" % "q", "%e" % 0, "%g %g %g" % (1e20, 1e-5, 123456789))
for fmt, args in [("%d", "x"), ("%s %s", ("a",)), ("%s", ("a", "b")), ("%z", 1), ("%(a)s", (1,)), ("%c", 1.5), ("%c", "ab"), ("%d", None)]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print("no args %%" % (), "%s" % {"a": 1}, "%(x)s %(x)s" % {"x": 9})
