"""deltablue: an incremental one-way dataflow constraint solver in the style of DeltaBlue
(Freeman-Benson, Maloney and Borning), run on its two classic workloads: a long chain of
equality constraints edited at one end, and a "projection" of many variables through a
shared scale and offset.

Exercises class hierarchies with overridden methods and super() calls, many small method
calls, attribute-heavy objects, lists used as queues and sets, identity comparisons and
raised exceptions. The tests check their own results and fail loudly if wrong.
Usage: deltablue.py [ITERATIONS]  (default 600); each iteration runs both tests with 100
variables; prints a checksum of the values seen.
"""

import sys


class Strength:
    def __init__(self, level, name):
        self.level = level
        self.name = name

    def __repr__(self):
        return self.name

    def stronger(self, other):
        return self.level < other.level

    def weaker(self, other):
        return self.level > other.level

    def weakest_of(self, other):
        return self if self.weaker(other) else other

    def next_weaker(self):
        return STRENGTHS[self.level + 1]


REQUIRED = Strength(0, "required")
STRONG_PREFERRED = Strength(1, "strongPreferred")
PREFERRED = Strength(2, "preferred")
STRONG_DEFAULT = Strength(3, "strongDefault")
NORMAL = Strength(4, "normal")
WEAK_DEFAULT = Strength(5, "weakDefault")
WEAKEST = Strength(6, "weakest")
STRENGTHS = [REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL,
             WEAK_DEFAULT, WEAKEST]

# Directions of a binary constraint.
NONE = 0
FORWARD = 1
BACKWARD = 2


class SolverError(Exception):
    pass


class Variable:
    def __init__(self, name, value):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def add_constraint(self, c):
        self.constraints.append(c)

    def remove_constraint(self, c):
        self.constraints = [d for d in self.constraints if d is not c]
        if self.determined_by is c:
            self.determined_by = None


class Constraint:
    def __init__(self, strength):
        self.strength = strength

    def add_constraint(self):
        self.add_to_graph()
        planner.incremental_add(self)

    def satisfy(self, mark):
        """Try to satisfy this constraint; return the constraint it overrode, if any."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise SolverError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not planner.add_propagate(self, mark):
            raise SolverError("cycle encountered")
        out.mark = mark
        return overridden

    def destroy_constraint(self):
        if self.is_satisfied():
            planner.incremental_remove(self)
        else:
            self.remove_from_graph()

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, v, strength):
        super().__init__(strength)
        self.my_output = v
        self.satisfied = False
        self.add_constraint()

    def add_to_graph(self):
        self.my_output.add_constraint(self)
        self.satisfied = False

    def choose_method(self, mark):
        out = self.my_output
        self.satisfied = out.mark != mark and self.strength.stronger(out.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.my_output

    def recalculate(self):
        out = self.my_output
        out.walk_strength = self.strength
        out.stay = not self.is_input()
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def remove_from_graph(self):
        if self.my_output is not None:
            self.my_output.remove_constraint(self)
        self.satisfied = False


class StayConstraint(UnaryConstraint):
    """Keeps a variable at its current value (unless something stronger changes it)."""

    def execute(self):
        pass


class EditConstraint(UnaryConstraint):
    """Marks a variable as changed from outside: an input of the plan."""

    def is_input(self):
        return True

    def execute(self):
        pass


class BinaryConstraint(Constraint):
    def __init__(self, v1, v2, strength):
        super().__init__(strength)
        self.v1 = v1
        self.v2 = v2
        self.direction = NONE
        self.add_constraint()

    def choose_method(self, mark):
        v1 = self.v1
        v2 = self.v2
        strength = self.strength
        if v1.mark == mark:
            if v2.mark != mark and strength.stronger(v2.walk_strength):
                self.direction = FORWARD
            else:
                self.direction = NONE
            return
        if v2.mark == mark:
            if v1.mark != mark and strength.stronger(v1.walk_strength):
                self.direction = BACKWARD
            else:
                self.direction = NONE
            return
        if v1.walk_strength.weaker(v2.walk_strength):
            self.direction = BACKWARD if strength.stronger(v1.walk_strength) else NONE
        else:
            self.direction = FORWARD if strength.stronger(v2.walk_strength) else NONE

    def add_to_graph(self):
        self.v1.add_constraint(self)
        self.v2.add_constraint(self)
        self.direction = NONE

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.v1 if self.direction == FORWARD else self.v2

    def output(self):
        return self.v2 if self.direction == FORWARD else self.v1

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None

    def remove_from_graph(self):
        if self.v1 is not None:
            self.v1.remove_constraint(self)
        if self.v2 is not None:
            self.v2.remove_constraint(self)
        self.direction = NONE


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """dest = src * scale + offset, solvable in either direction."""

    def __init__(self, src, scale, offset, dest, strength):
        self.scale = scale
        self.offset = offset
        super().__init__(src, dest, strength)

    def add_to_graph(self):
        super().add_to_graph()
        self.scale.add_constraint(self)
        self.offset.add_constraint(self)

    def remove_from_graph(self):
        super().remove_from_graph()
        if self.scale is not None:
            self.scale.remove_constraint(self)
        if self.offset is not None:
            self.offset.remove_constraint(self)

    def mark_inputs(self, mark):
        super().mark_inputs(mark)
        self.scale.mark = mark
        self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source = self.input()
        out = self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Plan:
    def __init__(self):
        self.steps = []

    def add(self, c):
        self.steps.append(c)

    def execute(self):
        for c in self.steps:
            c.execute()


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, c):
        mark = self.new_mark()
        overridden = c.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, c):
        out = c.output()
        c.mark_unsatisfied()
        c.remove_from_graph()
        unsatisfied = self.remove_propagate_from(out)
        strength = REQUIRED
        while True:
            for u in unsatisfied:
                if u.strength is strength:
                    self.incremental_add(u)
            strength = strength.next_weaker()
            if strength is WEAKEST:
                break

    def make_plan(self, sources):
        mark = self.new_mark()
        plan = Plan()
        todo = sources
        while todo:
            c = todo.pop(0)
            out = c.output()
            if out.mark != mark and c.inputs_known(mark):
                plan.add(c)
                out.mark = mark
                self.add_constraints_consuming_to(out, todo)
        return plan

    def extract_plan_from_constraints(self, constraints):
        sources = [c for c in constraints if c.is_input() and c.is_satisfied()]
        return self.make_plan(sources)

    def add_propagate(self, c, mark):
        todo = [c]
        while todo:
            d = todo.pop(0)
            if d.output().mark == mark:
                self.incremental_remove(c)
                return False
            d.recalculate()
            self.add_constraints_consuming_to(d.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        while todo:
            v = todo.pop(0)
            for c in v.constraints:
                if not c.is_satisfied():
                    unsatisfied.append(c)
            determining = v.determined_by
            for c in v.constraints:
                if c is not determining and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
        return unsatisfied

    def add_constraints_consuming_to(self, v, coll):
        determining = v.determined_by
        for c in v.constraints:
            if c is not determining and c.is_satisfied():
                coll.append(c)


planner = None


def chain_test(n):
    """A chain v0 = v1 = ... = vn with a stay on vn; edits of v0 must reach vn."""
    global planner
    planner = Planner()
    previous = first = last = None
    for i in range(n + 1):
        v = Variable(f"v{i}", 0)
        if previous is not None:
            EqualityConstraint(previous, v, REQUIRED)
        if i == 0:
            first = v
        if i == n:
            last = v
        previous = v
    StayConstraint(last, STRONG_DEFAULT)
    edit = EditConstraint(first, PREFERRED)
    plan = planner.extract_plan_from_constraints([edit])
    total = 0
    for i in range(100):
        first.value = i
        plan.execute()
        if last.value != i:
            raise SolverError("chain test failed")
        total += last.value
    return total


def change(v, new_value):
    edit = EditConstraint(v, PREFERRED)
    plan = planner.extract_plan_from_constraints([edit])
    for _ in range(10):
        v.value = new_value
        plan.execute()
    edit.destroy_constraint()


def projection_test(n):
    """n pairs dst_i = src_i * scale + offset sharing one scale and one offset."""
    global planner
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    src = dst = None
    dests = []
    for i in range(n):
        src = Variable(f"src{i}", i)
        dst = Variable(f"dst{i}", i)
        dests.append(dst)
        StayConstraint(src, NORMAL)
        ScaleConstraint(src, scale, offset, dst, REQUIRED)
    change(src, 17)
    if dst.value != 1170:
        raise SolverError("projection 1 failed")
    change(dst, 1050)
    if src.value != 5:
        raise SolverError("projection 2 failed")
    change(scale, 5)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 1000:
            raise SolverError("projection 3 failed")
    change(offset, 2000)
    for i in range(n - 1):
        if dests[i].value != i * 5 + 2000:
            raise SolverError("projection 4 failed")
    total = 0
    for d in dests:
        total += d.value
    return total + src.value


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    checksum = 0
    for _ in range(iterations):
        checksum += chain_test(100)
        checksum += projection_test(100)
    print(f"deltablue x{iterations}: checksum {checksum}")


main()
