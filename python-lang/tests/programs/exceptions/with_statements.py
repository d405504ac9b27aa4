# with: multiple items, suppression, exceptions in __enter__/__exit__, parenthesized form
log = []
class CM:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False):
        self.name, self.suppress, self.fail_enter, self.fail_exit = name, suppress, fail_enter, fail_exit
    def __enter__(self):
        log.append(f"enter {self.name}")
        if self.fail_enter:
            raise RuntimeError(f"enter failed {self.name}")
        return self
    def __exit__(self, et, ev, tb):
        log.append(f"exit {self.name} {et.__name__ if et else None}")
        if self.fail_exit:
            raise KeyError(f"exit failed {self.name}")
        return self.suppress
def run(*cms, body_raises=False):
    log.clear()
    try:
        with cms[0], cms[1]:
            log.append("body")
            if body_raises:
                raise ValueError("body")
    except Exception as e:
        log.append(f"caught {type(e).__name__}: {e} (context {e.__context__!r})")
    print(log)
run(CM("a"), CM("b"))
run(CM("a"), CM("b"), body_raises=True)
run(CM("a"), CM("b", suppress=True), body_raises=True)
run(CM("a", suppress=True), CM("b"), body_raises=True)
run(CM("a"), CM("b", fail_enter=True))
run(CM("a", fail_enter=True), CM("b"))
run(CM("a"), CM("b", fail_exit=True))
run(CM("a"), CM("b", fail_exit=True), body_raises=True)
run(CM("a", suppress=True), CM("b", fail_exit=True), body_raises=True)
log.clear()
with (
    CM("p1") as p1,
    CM("p2") as p2,
):
    log.append(f"parenthesized {p1.name} {p2.name}")
print(log)
log.clear()
with CM("t") as (t):
    pass
targets = {}
with CM("sub") as targets["k"]:
    pass
print(targets["k"].name)
