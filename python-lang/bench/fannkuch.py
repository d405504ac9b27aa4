"""fannkuch: fannkuch-redux -- for every permutation of 0..n-1, count the prefix reversals
("pancake flips") needed to bring 0 to the front; report the maximum and a checksum.

Exercises list indexing, copying, slice assignment, reversed slices, list.pop/insert and
integer loops. Permutations are generated in the usual rotation (count-vector) order.
Usage: fannkuch.py [N]  (default 10); prints the checksum and the maximum flip count.
"""

import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        first = perm1[0]
        if first:
            perm = perm1[:]
            flips = 0
            while first:
                perm[:first + 1] = perm[first::-1]
                flips += 1
                first = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        sign = -sign
        # Advance to the next permutation by rotating growing prefixes.
        while True:
            if r == n:
                return checksum, max_flips
            perm1.insert(r, perm1.pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    checksum, max_flips = fannkuch(n)
    print(checksum)
    print(f"Pfannkuchen({n}) = {max_flips}")


main()
