"""spectral_norm: the spectral norm of the infinite matrix A(i, j) = 1/((i+j)(i+j+1)/2 + i + 1),
by the power method on the n x n leading block.

Exercises integer and float arithmetic in tight nested loops, function calls and list
building. Usage: spectral_norm.py [N]  (default 500); prints the norm.
"""

import sys


def a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def times_a(u):
    n = len(u)
    result = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a(i, j) * u[j]
        result.append(total)
    return result


def times_at(u):
    n = len(u)
    result = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a(j, i) * u[j]
        result.append(total)
    return result


def times_ata(u):
    return times_at(times_a(u))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = times_ata(u)
        u = times_ata(v)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    print(f"{(vbv / vv) ** 0.5:.9f}")


main()
