#!/usr/bin/env python3
"""bf2c: translate a Brainfuck program to C.

Usage: python3 bf2c.py FILE.b > out.c && gcc -O2 -o out out.c

Same semantics as toy-langs/bf: unsigned char cells (wrapping); a tape that starts at
64 KiB and doubles (zero-filled) when the program moves past its end; moving left of cell
0 aborts with an error; `,` reads with getchar and leaves the cell unchanged at the end of
the input; `.` writes with putchar. One C statement per command, except that runs of `+`
and `-` become one addition and runs of `<` and `>` one pointer move.
"""

import sys

PRELUDE = """\
/* Translated from %(name)s by bf2c.py. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *message) {
    fflush(stdout);
    fprintf(stderr, "bf: %%s\\n", message);
    exit(1);
}

int main(void) {
    size_t size = 65536;
    unsigned char *tape = calloc(size, 1);
    size_t p = 0;
    int c;
    if (!tape) die("out of memory");
#define RIGHT(k) do { p += (k); if (p >= size) { \\
        size_t old = size; while (size <= p) size *= 2; \\
        tape = realloc(tape, size); if (!tape) die("out of memory"); \\
        memset(tape + old, 0, size - old); } } while (0)
#define LEFT(k) do { if (p < (k)) die("moved left of cell 0"); p -= (k); } while (0)
"""

POSTLUDE = """\
    (void)c;
    free(tape);
    return 0;
}
"""


def translate(source, name="program"):
    code = [c for c in source if c in "+-<>.,[]"]
    out = [PRELUDE % {"name": name.replace("*/", "* /")}]
    depth = 1
    i = 0
    n = len(code)

    def line(text):
        out.append("    " * depth + text + "\n")

    while i < n:
        c = code[i]
        if c in "+-":
            total = 0
            while i < n and code[i] in "+-":
                total += 1 if code[i] == "+" else -1
                i += 1
            total %= 256
            if total:
                line(f"tape[p] += {total};")
            continue
        if c in "<>":
            total = 0
            while i < n and code[i] in "<>":
                total += 1 if code[i] == ">" else -1
                i += 1
            if total > 0:
                line(f"RIGHT({total});")
            elif total < 0:
                line(f"LEFT({-total});")
            continue
        if c == ".":
            line("putchar(tape[p]);")
        elif c == ",":
            line("if ((c = getchar()) != EOF) tape[p] = (unsigned char)c;")
        elif c == "[":
            line("while (tape[p]) {")
            depth += 1
        elif c == "]":
            depth -= 1
            if depth < 1:
                sys.exit("bf2c: unmatched ]")
            line("}")
        i += 1
    if depth != 1:
        sys.exit("bf2c: unmatched [")
    out.append(POSTLUDE)
    return "".join(out)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bf2c.py FILE.b > out.c")
    with open(sys.argv[1]) as f:
        source = f.read()
    sys.stdout.write(translate(source, sys.argv[1]))


if __name__ == "__main__":
    main()
