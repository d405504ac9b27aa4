"""float: build many Point objects from sin/cos, normalize each, then fold them into a
point holding the maximum of every coordinate.

Exercises object allocation and garbage (a fresh list of points per round), float
arithmetic, math.sin/cos/sqrt, attribute access and method calls.
Usage: float.py [ROUNDS]  (default 24); each round handles 100000 points; prints the
maximized point of the last round and a checksum over all rounds.
"""

import sys
from math import sin, cos, sqrt

POINTS = 100000


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def __repr__(self):
        return f"<Point: x={self.x:.9f}, y={self.y:.9f}, z={self.z:.9f}>"

    def normalize(self):
        x = self.x
        y = self.y
        z = self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


def maximize(points):
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def round_of(n, offset):
    points = [Point(i + offset) for i in range(n)]
    for p in points:
        p.normalize()
    return maximize(points)


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 24
    checksum = 0.0
    result = None
    for r in range(rounds):
        result = round_of(POINTS, r * 1000)
        checksum += result.x + result.y + result.z
    print(repr(result))
    print(f"{checksum:.9f}")


main()
