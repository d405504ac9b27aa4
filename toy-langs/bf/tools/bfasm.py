"""bfasm: a small macro assembler for Brainfuck.

Programs are written in Python against an `Asm` object; every method appends Brainfuck to
the program being built, and `Asm.render()` returns the source text.

Cell layout conventions
-----------------------

* Every value lives in a *named cell* (`Cell`) at a fixed tape index chosen by the
  allocator (`Asm.var`, `Asm.block`, `Asm.temp`). Indices are never negative, and the
  assembler only ever moves the head with `Asm.goto(cell)`, so the generated code never
  moves left of cell 0.
* The assembler tracks the head position statically. Every loop it emits ends with the
  head back on the cell its `[` tested, so the position after a loop is known. (The one
  exception, the constant-time branch below, is arranged so both paths end on the same
  cell.)
* A cell that is not allocated holds 0. Whoever frees a cell (temporaries, at the end of
  their `with` block) must leave it at 0. The allocator hands out the lowest free indices,
  so temporaries sit just above the variables.
* Branches: `if_else(x)` uses the classic constant-time test, which needs the two cells
  right after `x` to be 0 and otherwise unused while the branch runs (a "guard" pair
  `f, z`):

      f+ x[ THEN f- ]   head on f if x was nonzero, on x if it was zero
      >                 head on z (0) if x was nonzero, on f (1) if x was zero
      [- ELSE z ]       runs only when x was zero; both paths end on z

  A variable allocated with `guard=True` owns such a pair; otherwise the pair is taken
  from free cells when `x+1` and `x+2` happen to be free, and failing that `x` is copied
  into a fresh temporary with a pair (which costs time proportional to its value).
* Multi-digit numbers (`Num`) are blocks of cells holding base-B digits, least
  significant digit first (the lowest tape index). Values are taken modulo B**n; negative
  numbers are held in radix complement (like two's complement, with base B), so addition
  and subtraction need no sign logic. Between operations the digits are *normalized*
  (each below B); operations may leave larger digits in between (a byte holds up to 255),
  and `Num.normalize()` propagates the carries.

Costs: Brainfuck only counts, so adding a cell's value somewhere costs time proportional to
the value; that is why multi-digit numbers use a small base (digit products stay small).
"""

from contextlib import contextmanager

COMMANDS = frozenset("+-<>.,[]")


class Cell:
    """One tape cell: its index and a name (for error messages)."""

    __slots__ = ("index", "name")

    def __init__(self, index, name):
        self.index = index
        self.name = name

    def __repr__(self):
        return f"{self.name}@{self.index}"


class Asm:
    """A Brainfuck program under construction."""

    def __init__(self, width=79):
        self._chunks = []  # ("code", text) or ("comment", text), in order
        self.ptr = 0  # where the head is (statically known)
        self._used = {}  # index -> name of every allocated cell
        self._guards = {}  # index of a guarded cell -> (f, z), its branch guard pair
        self._busy_guards = set()  # guarded cells whose pair is in use by a branch
        self.width = width
        self.high_water = 0  # one past the highest cell ever allocated

    # ------------------------------------------------------------------ output

    def emit(self, code):
        """Append raw Brainfuck (the caller keeps `ptr` right)."""
        if code:
            self._chunks.append(("code", code))

    def comment(self, text):
        """A comment line. It may not contain a Brainfuck command character."""
        bad = sorted(set(text) & COMMANDS)
        if bad:
            raise ValueError(f"comment {text!r} contains command characters {bad}")
        self._chunks.append(("comment", text))

    def render(self):
        """The program text: comments on lines of their own, code wrapped at `width`."""
        lines, line = [], []
        length = 0
        for kind, text in self._chunks:
            if kind == "comment":
                if line:
                    lines.append("".join(line))
                    line, length = [], 0
                lines.append(text)
                continue
            while text:
                room = self.width - length
                piece, text = text[:room], text[room:]
                line.append(piece)
                length += len(piece)
                if length == self.width:
                    lines.append("".join(line))
                    line, length = [], 0
        if line:
            lines.append("".join(line))
        return "\n".join(lines) + "\n"

    def code_size(self):
        """The number of Brainfuck commands emitted so far."""
        return sum(len(t) for k, t in self._chunks if k == "code")

    # ------------------------------------------------------------- allocation

    def _free_at(self, index, n):
        return all(index + k not in self._used for k in range(n))

    def alloc(self, n=1, name="t"):
        """The lowest `n` consecutive free cells (all 0), as a list."""
        index = 0
        while not self._free_at(index, n):
            index += 1
        cells = [Cell(index + k, f"{name}[{k}]" if n > 1 else name) for k in range(n)]
        for c in cells:
            self._used[c.index] = c.name
        self.high_water = max(self.high_water, index + n)
        return cells

    def free(self, *cells):
        """Give cells back; they must hold 0 (the caller's promise)."""
        for c in cells:
            if self._used.pop(c.index, None) is None:
                raise ValueError(f"{c} is not allocated")
            f_z = self._guards.pop(c.index, None)
            if f_z:
                self.free(*f_z)

    def var(self, name, guard=False):
        """A new variable cell. With `guard`, it owns a pair of cells right after it,
        so branches on it take constant time."""
        if not guard:
            return self.alloc(1, name)[0]
        x, f, z = self.alloc(3, name)
        x.name, f.name, z.name = name, name + "'f", name + "'z"
        self._guards[x.index] = (f, z)
        return x

    def block(self, n, name, guard=False):
        """`n` consecutive new cells. With `guard`, the last one owns a guard pair
        (the two cells after the block)."""
        if not guard:
            return self.alloc(n, name)
        cells = self.alloc(n + 2, name)
        f, z = cells[n:]
        f.name, z.name = name + "'f", name + "'z"
        self._guards[cells[n - 1].index] = (f, z)
        return cells[:n]

    @contextmanager
    def temp(self, name="tmp", guard=False):
        """A temporary cell (0) for the `with` block; it must be 0 again at the end."""
        cell = self.var(name, guard)
        try:
            yield cell
        finally:
            self.free(cell)

    @contextmanager
    def temps(self, n, name="tmp"):
        """`n` temporary cells (a list), as `temp`."""
        cells = [self.alloc(1, f"{name}{k}")[0] for k in range(n)]
        try:
            yield cells
        finally:
            self.free(*cells)

    def check_all_free(self, keep=()):
        """Raise if a cell other than those in `keep` is still allocated (a leak)."""
        keep_indices = {c.index for c in keep}
        for c in keep:
            for g in self._guards.get(c.index, ()):
                keep_indices.add(g.index)
        leaked = {i: n for i, n in self._used.items() if i not in keep_indices}
        if leaked:
            raise AssertionError(f"cells still allocated: {leaked}")

    # ------------------------------------------------------- basic commands

    def goto(self, cell):
        """Move the head to `cell`."""
        index = cell.index
        if index < 0:
            raise ValueError("cells left of 0 do not exist")
        step = index - self.ptr
        self.emit(">" * step if step > 0 else "<" * -step)
        self.ptr = index

    def add(self, cell, k):
        """cell += k (mod 256); k may be negative."""
        k %= 256
        if k:
            self.goto(cell)
            self.emit("+" * k if k <= 128 else "-" * (256 - k))

    def clear(self, cell):
        """cell = 0 (time proportional to the value)."""
        self.goto(cell)
        self.emit("[-]")

    def set(self, cell, k):
        """cell = k."""
        self.clear(cell)
        self.add(cell, k)

    def output(self, cell):
        """Print the byte in `cell`."""
        self.goto(cell)
        self.emit(".")

    def input(self, cell):
        """Read a byte into `cell` (at the end of the input the cell keeps its value)."""
        self.goto(cell)
        self.emit(",")

    # ------------------------------------------------------------------ loops

    @contextmanager
    def while_nonzero(self, cell):
        """while cell != 0: body. The body must change `cell` eventually."""
        self.goto(cell)
        self.emit("[")
        yield
        self.goto(cell)
        self.emit("]")

    @contextmanager
    def repeat(self, cell):
        """Run the body `cell` times, counting `cell` down to 0. The body may not
        touch `cell`."""
        self.goto(cell)
        self.emit("[-")
        yield
        self.goto(cell)
        self.emit("]")

    @contextmanager
    def times(self, cell):
        """Run the body `cell` times; `cell` keeps its value (a temporary counts)."""
        with self.temp("count") as count:
            self.copy_add(cell, count)
            with self.repeat(count):
                yield

    # ------------------------------------------------- moving values around

    def transfer(self, src, targets):
        """Add factor * src to each (cell, factor) of `targets` and clear `src`
        (time proportional to src)."""
        targets = [(t, f) if isinstance(t, Cell) else t for t in _as_list(targets)]
        targets = [(t, f % 256) for t, f in targets if f % 256]
        self.goto(src)
        self.emit("[-")
        # visit the targets in the order that walks the least
        here = src.index
        pending = list(targets)
        while pending:
            pending.sort(key=lambda tf: abs(tf[0].index - here))
            t, f = pending.pop(0)
            self.add(t, f)
            here = t.index
        self.goto(src)
        self.emit("]")

    def move(self, src, dst):
        """dst += src; src = 0."""
        self.transfer(src, [(dst, 1)])

    def copy_add(self, src, targets, factor=1):
        """Add factor * src to each target cell (or (cell, factor) pair); src keeps
        its value (it is restored from a temporary)."""
        targets = [(t, factor) if isinstance(t, Cell) else t for t in _as_list(targets)]
        with self.temp("copy") as t:
            self.transfer(src, targets + [(t, 1)])
            self.transfer(t, [(src, 1)])

    def copy(self, src, dst):
        """dst = src."""
        self.clear(dst)
        self.copy_add(src, dst)

    def add_cell(self, dst, src):
        """dst += src."""
        self.copy_add(src, dst)

    def sub_cell(self, dst, src):
        """dst -= src."""
        self.copy_add(src, dst, -1)

    def mul(self, dst, a, b):
        """dst += a * b (mod 256); a and b keep their values."""
        with self.times(a):
            self.copy_add(b, dst)

    # ------------------------------------------------------------- branches

    @contextmanager
    def if_else(self, x):
        """Branch on x != 0, non-destructively:

            with asm.if_else(x) as branch:
                ...  # runs if x != 0
                branch.else_()
                ...  # runs if x == 0

        `else_()` is optional. Both bodies may change x (it is tested once, first)."""
        branch = _Branch(self, x)
        yield branch
        branch.end()

    @contextmanager
    def if_nonzero(self, x):
        """Run the body if x != 0 (x keeps its value)."""
        with self.if_else(x):
            yield

    @contextmanager
    def if_zero(self, x):
        """Run the body if x == 0 (x keeps its value)."""
        with self.if_else(x) as branch:
            branch.else_()
            yield

    @contextmanager
    def if_flag(self, flag):
        """Run the body if flag (0 or 1) is 1, and clear the flag."""
        self.goto(flag)
        self.emit("[-")
        yield
        self.goto(flag)
        self.emit("]")

    # ---------------------------------------------------------- comparisons

    def lt_const(self, result, x, k, factor=1):
        """result += factor if x < k (0 <= k <= 255), for any byte x; x keeps its value.
        Time: k constant-time tests plus the value of x."""
        with self.temp("lt", guard=True) as t:
            self.copy_add(x, t)
            # t runs down x, x-1, ..., x-k+1 (mod 256); it meets 0 iff x < k
            for _ in range(k):
                with self.if_zero(t):
                    self.add(result, factor)
                self.add(t, -1)
            self.add(t, k)
            self.clear(t)

    def ge_const(self, result, x, k, factor=1):
        """result += factor if x >= k; x keeps its value."""
        self.add(result, factor)
        self.lt_const(result, x, k, -factor)

    def eq_const(self, result, x, k):
        """result += 1 if x == k; x keeps its value."""
        with self.temp("eq", guard=True) as t:
            self.copy_add(x, t)
            self.add(t, -k)
            with self.if_zero(t):
                self.add(result, 1)
            self.add(t, k)
            self.clear(t)

    def divmod_const(self, n, d, quotient=None, remainder=None):
        """quotient += n // d and remainder += n % d, for a constant 1 <= d; n is
        consumed (0 afterwards). With `remainder` None the remainder goes back into n;
        with `quotient` None the quotient is dropped. Time: about 10 steps per unit of n."""
        with self.temp("down", guard=True) as down:
            # `down` counts d, d-1, ..., 1 and wraps back to d, carrying one to the quotient
            self.add(down, d)
            with self.repeat(n):
                self.add(down, -1)
                with self.if_zero(down):
                    self.add(down, d)
                    if quotient is not None:
                        self.add(quotient, 1)
            rest = n if remainder is None else remainder
            # the remainder is d - down, with down in 1..d
            self.add(rest, d)
            self.transfer(down, [(rest, -1)])

    # --------------------------------------------------------------- printing

    def print_const(self, text):
        """Print a constant string (or bytes) through a temporary cell."""
        data = text.encode() if isinstance(text, str) else bytes(text)
        with self.temp("char") as c:
            value = 0
            for byte in data:
                self.add(c, byte - value)
                value = byte
                self.output(c)
            self.add(c, -value)

    def print_decimal(self, x):
        """Print the byte in x in decimal (no leading zeros); x keeps its value."""
        with self.temps(4, "dec") as (n, tens, hundreds, started):
            self.copy_add(x, n)
            self.divmod_const(n, 10, quotient=tens)  # n = units
            self.divmod_const(tens, 10, quotient=hundreds)  # tens = tens digit
            for digit, last in ((hundreds, False), (tens, False), (n, True)):
                if not last:
                    with self.if_nonzero(digit):
                        self.set(started, 1)
                    with self.if_nonzero(started):
                        self.add(digit, ord("0"))
                        self.output(digit)
                        self.add(digit, -ord("0"))
                else:
                    self.add(digit, ord("0"))
                    self.output(digit)
                    self.add(digit, -ord("0"))
                self.clear(digit)
            self.clear(started)


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


class _Branch:
    """The constant-time branch of `Asm.if_else` (see the module comment)."""

    def __init__(self, asm, x):
        self.asm = asm
        self.copied = None  # the temporary holding a copy of x, in copy mode
        self.release = []  # cells to free at the end
        guard = asm._guards.get(x.index)
        if guard and x.index not in asm._busy_guards:
            self.f, self.z = guard
            asm._busy_guards.add(x.index)
            self.busy = x.index
        elif asm._free_at(x.index + 1, 2):
            self.f, self.z = (Cell(x.index + 1, "f"), Cell(x.index + 2, "z"))
            for c in (self.f, self.z):
                asm._used[c.index] = c.name
            asm.high_water = max(asm.high_water, x.index + 3)
            self.release = [self.f, self.z]
            self.busy = None
        else:
            # copy x to a fresh cell that has a free pair after it
            t, self.f, self.z = asm.alloc(3, "branch")
            asm.copy_add(x, t)
            self.copied = t
            self.release = [t, self.f, self.z]
            self.busy = None
            x = t
        self.x = x
        self.in_else = False
        asm.goto(self.f)
        asm.emit("+")
        asm.goto(x)
        asm.emit("[")

    def else_(self):
        asm = self.asm
        if self.in_else:
            raise ValueError("else_() twice")
        self.in_else = True
        asm.goto(self.f)
        asm.emit("-]")
        # nonzero: head on f (0); zero: head on x. One step right: z (0) or f (1).
        asm.emit(">")
        asm.ptr = self.f.index  # the else body runs only in the zero case, from f
        asm.emit("[-")

    def end(self):
        asm = self.asm
        if not self.in_else:
            self.else_()
        asm.goto(self.z)
        asm.emit("]")
        if self.copied is not None:
            asm.clear(self.copied)
        if self.busy is not None:
            asm._busy_guards.discard(self.busy)
        for c in self.release:
            del asm._used[c.index]


class Num:
    """A multi-digit number: `n` consecutive cells holding base-`base` digits, least
    significant first, taken modulo base**n (negatives in radix complement).

    Digit products must fit in a byte when multiplying: a column of the schoolbook
    product sums up to min(len(a), len(b)) digit products plus a carry, which `mul`
    checks against 255 (using the digit bounds the caller gives)."""

    def __init__(self, asm, cells, base):
        self.asm = asm
        self.digits = list(cells)
        self.base = base

    @classmethod
    def new(cls, asm, name, n, base, guard=False):
        """A new number of `n` digits (0). With `guard`, its top digit gets a guard
        pair (constant-time sign tests)."""
        cells = asm.block(n, name, guard)
        return cls(asm, cells, base)

    @classmethod
    @contextmanager
    def temp(cls, asm, name, n, base, guard=False):
        """A temporary number (0) for the `with` block; it must be 0 at the end."""
        num = cls.new(asm, name, n, base, guard)
        try:
            yield num
        finally:
            asm.free(*num.digits)

    def __len__(self):
        return len(self.digits)

    def low(self, n):
        """The number formed by the lowest `n` digits (sharing the cells)."""
        return Num(self.asm, self.digits[:n], self.base)

    def top(self):
        """The cell of the most significant digit."""
        return self.digits[-1]

    def const_digits(self, value):
        """The digits of value mod base**n (Python side)."""
        value %= self.base ** len(self)
        out = []
        for _ in self.digits:
            value, d = divmod(value, self.base)
            out.append(d)
        return out

    def clear(self):
        for d in self.digits:
            self.asm.clear(d)

    def set(self, value):
        """self = value (mod base**n)."""
        self.clear()
        self.add_const(value, normalize=False)

    def add_const(self, value, normalize=True):
        """self += value: digit by digit, then normalized unless told otherwise."""
        for cell, d in zip(self.digits, self.const_digits(value)):
            self.asm.add(cell, d)
        if normalize:
            self.normalize()

    def add(self, other, factor=1, consume=False, normalize=True):
        """self += factor * other (other no longer than self; it is treated as
        nonnegative, i.e. zero-extended). With `consume`, other is cleared (faster).
        The digit sums must stay below 256 until normalized."""
        if len(other) > len(self):
            raise ValueError("adding a longer number")
        for cell, o in zip(self.digits, other.digits):
            if consume:
                self.asm.transfer(o, [(cell, factor)])
            else:
                self.asm.copy_add(o, cell, factor)
        if normalize:
            self.normalize()

    def sub(self, other, factor=1, consume=False, normalize=True):
        """self -= factor * other, as self += factor * (complement of other):
        each digit gets factor * (base - 1 - digit), and the lowest one factor more.
        `other` must be normalized (zero-extended if shorter)."""
        b = self.base
        for k, cell in enumerate(self.digits):
            self.asm.add(cell, factor * (b - 1) + (factor if k == 0 else 0))
        for cell, o in zip(self.digits, other.digits):
            if consume:
                self.asm.transfer(o, [(cell, -factor)])
            else:
                self.asm.copy_add(o, cell, -factor)
        if normalize:
            self.normalize()

    def normalize(self):
        """Propagate carries so every digit is below the base (dropping the carry
        out of the top digit)."""
        asm = self.asm
        for k, cell in enumerate(self.digits):
            upper = self.digits[k + 1] if k + 1 < len(self.digits) else None
            asm.divmod_const(cell, self.base, quotient=upper)

    def negate(self):
        """self = -self (radix complement). Requires normalized digits."""
        asm, b = self.asm, self.base
        with asm.temp("neg") as t:
            for cell in self.digits:
                # cell = (b - 1) - cell
                asm.add(t, b - 1)
                asm.transfer(cell, [(t, -1)])
                asm.move(t, cell)
        asm.add(self.digits[0], 1)
        self.normalize()

    def move_to(self, other):
        """other += self digit by digit (unnormalized); self = 0."""
        for a, b in zip(self.digits, other.digits):
            self.asm.move(a, b)

    def mul(self, a, b, shift=0, a_max=None, b_max=None):
        """self = (a * b) // base**shift, truncated to len(self) digits. self must be 0
        on entry; a and b are nonnegative, normalized, and keep their values (a may be b).
        a_max / b_max bound the values of a and b (default: any value of their digits);
        they are used to check that no column of the product overflows a byte."""
        asm, base = self.asm, self.base
        n_cols = len(a) + len(b)
        a_bounds = _digit_bounds(a_max, len(a), base)
        b_bounds = _digit_bounds(b_max, len(b), base)
        carry = 0
        for k in range(n_cols):
            column = sum(
                a_bounds[i] * b_bounds[k - i] for i in range(len(a)) if 0 <= k - i < len(b)
            )
            if column + carry > 255:
                raise ValueError(f"product column {k} may reach {column + carry} > 255")
            carry = (column + carry) // base
        low = asm.block(shift, "low") if shift else []
        extra_count = max(0, n_cols - shift - len(self))
        extra = asm.block(extra_count, "high") if extra_count else []
        columns = low + self.digits[: n_cols - shift] + extra
        # the schoolbook product: column i + j gets a[i] * b[j]
        for i, ai in enumerate(a.digits):
            with asm.times(ai):
                for j, bj in enumerate(b.digits):
                    asm.copy_add(bj, columns[i + j])
        # carries, from the lowest column up
        for k, cell in enumerate(columns):
            upper = columns[k + 1] if k + 1 < len(columns) else None
            asm.divmod_const(cell, base, quotient=upper)
        for cell in low + extra:
            asm.clear(cell)
        asm.free(*(low + extra))

    def print_decimal(self):
        """Print a base-10 number without leading zeros (0 prints as 0)."""
        if self.base != 10:
            raise ValueError("print_decimal needs base 10 digits")
        asm = self.asm
        with asm.temp("started") as started:
            for k in reversed(range(len(self.digits))):
                d = self.digits[k]
                if k:
                    with asm.if_nonzero(d):
                        asm.set(started, 1)
                    with asm.if_nonzero(started):
                        asm.add(d, ord("0"))
                        asm.output(d)
                        asm.add(d, -ord("0"))
                else:
                    asm.add(d, ord("0"))
                    asm.output(d)
                    asm.add(d, -ord("0"))
            asm.clear(started)


def _digit_bounds(max_value, n, base):
    """Upper bounds of the digits of numbers in 0..max_value (n digits)."""
    if max_value is None:
        return [base - 1] * n
    bounds = []
    for k in range(n):
        place = base**k
        if max_value >= place * base:
            bounds.append(base - 1)
        else:
            bounds.append(max_value // place)
    return bounds
