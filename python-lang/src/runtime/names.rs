//! The attribute and special-method names the runtime itself looks up, interned once at
//! start-up so a lookup compares identities instead of hashing text (`space::name`).

macro_rules! well_known_names {
    ($($id:ident = $text:literal,)*) => {
        /// A name the runtime uses; `space::name(N::add)` is its interned `str`.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum N { $($id,)* }

        /// Each name's text, in `N`'s order.
        pub const NAME_TEXTS: &[&str] = &[$($text,)*];

        const ALL_NAMES: &[N] = &[$(N::$id,)*];
    };
}

well_known_names! {
    add = "__add__", radd = "__radd__", iadd = "__iadd__",
    sub = "__sub__", rsub = "__rsub__", isub = "__isub__",
    mul = "__mul__", rmul = "__rmul__", imul = "__imul__",
    matmul = "__matmul__", rmatmul = "__rmatmul__", imatmul = "__imatmul__",
    truediv = "__truediv__", rtruediv = "__rtruediv__", itruediv = "__itruediv__",
    floordiv = "__floordiv__", rfloordiv = "__rfloordiv__", ifloordiv = "__ifloordiv__",
    mod_ = "__mod__", rmod = "__rmod__", imod = "__imod__",
    divmod = "__divmod__", rdivmod = "__rdivmod__",
    pow = "__pow__", rpow = "__rpow__", ipow = "__ipow__",
    lshift = "__lshift__", rlshift = "__rlshift__", ilshift = "__ilshift__",
    rshift = "__rshift__", rrshift = "__rrshift__", irshift = "__irshift__",
    and = "__and__", rand = "__rand__", iand = "__iand__",
    or = "__or__", ror = "__ror__", ior = "__ior__",
    xor = "__xor__", rxor = "__rxor__", ixor = "__ixor__",
    neg = "__neg__", pos = "__pos__", invert = "__invert__", abs = "__abs__",
    lt = "__lt__", le = "__le__", eq = "__eq__", ne = "__ne__", gt = "__gt__", ge = "__ge__",
    hash = "__hash__", bool_ = "__bool__", len = "__len__",
    repr = "__repr__", str_ = "__str__", format = "__format__", bytes_ = "__bytes__",
    int_ = "__int__", float_ = "__float__", complex_ = "__complex__", index = "__index__",
    round = "__round__", trunc = "__trunc__", floor = "__floor__", ceil = "__ceil__",
    getitem = "__getitem__", setitem = "__setitem__", delitem = "__delitem__",
    contains = "__contains__", missing = "__missing__",
    iter = "__iter__", next = "__next__", reversed = "__reversed__",
    aiter = "__aiter__", anext = "__anext__", await_ = "__await__",
    aenter = "__aenter__", aexit = "__aexit__",
    call = "__call__", enter = "__enter__", exit = "__exit__",
    getattribute = "__getattribute__", getattr = "__getattr__",
    setattr = "__setattr__", delattr = "__delattr__", dir = "__dir__",
    get = "__get__", set = "__set__", delete = "__delete__", set_name = "__set_name__",
    init = "__init__", new = "__new__", init_subclass = "__init_subclass__",
    class_getitem = "__class_getitem__", prepare = "__prepare__",
    instancecheck = "__instancecheck__", subclasscheck = "__subclasscheck__",
    mro_entries = "__mro_entries__", length_hint = "__length_hint__",
    name = "__name__", qualname = "__qualname__", module = "__module__", doc = "__doc__",
    dict = "__dict__", class = "__class__", slots = "__slots__", classcell = "__classcell__",
    annotations = "__annotations__", file = "__file__", package = "__package__",
    path = "__path__", spec = "__spec__", loader = "__loader__", builtins = "__builtins__",
    main = "__main__", match_args = "__match_args__", all = "__all__",
    traceback = "__traceback__", cause = "__cause__", context = "__context__",
    suppress_context = "__suppress_context__", notes = "__notes__", args = "args",
    keys = "keys", items = "items", values = "values", send = "send", throw = "throw",
    close = "close", message = "message", exceptions = "exceptions", code = "code",
    mro = "mro", fileno = "fileno", write = "write", flush = "flush", self_ = "self",
    empty = "",
}

/// How many well-known names there are.
pub const NAME_COUNT: usize = NAME_TEXTS.len();

/// The name with this index (the inverse of `n as usize`).
pub fn by_index(index: usize) -> N {
    ALL_NAMES[index]
}
