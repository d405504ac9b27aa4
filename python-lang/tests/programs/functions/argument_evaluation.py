# Order of evaluation of function, arguments, defaults and keyword args
log = []
def t(label, value=None):
    log.append(label)
    return value if value is not None else label
def target(*a, **k):
    return len(a), sorted(k)
t("func", target)(t("a1"), t("a2"), k1=t("k1"), *[t("star")], k2=t("k2"), **{t("dkey"): t("dval")})
print(log)
log.clear()
def deco(label):
    log.append("deco " + label)
    return lambda f: f
@deco("outer")
@deco("inner")
def f(x=t("default1"), *, y=t("default2")):
    pass
print(log)
log.clear()
d = {t("k1"): t("v1"), t("k2"): t("v2")}
l = [t("e1"), t("e2")]
print(log)
log.clear()
r = t("left", 1) + t("right", 2) * t("mul", 3)
print(r, log)
log.clear()
obj = {"x": 0}
obj[t("key", "x")] = t("value", 5)
print(log, obj)
log.clear()
a = t("cond", True) and t("and-rhs") or t("or-rhs")
print(a, log)
