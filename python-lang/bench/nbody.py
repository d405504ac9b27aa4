"""nbody: the Jovian planets orbiting the Sun, integrated with a simple symplectic step.

Exercises float arithmetic, lists of lists, tuple unpacking and nested loops.
Usage: nbody.py [STEPS]  (default 400000); prints the energy before and after.
"""

import sys

PI = 3.14159265358979323
SOLAR_MASS = 4 * PI * PI
DAYS_PER_YEAR = 365.24


def make_bodies():
    # Each body: [x, y, z, vx, vy, vz, mass]
    sun = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS]
    jupiter = [
        4.84143144246472090e+00,
        -1.16032004402742839e+00,
        -1.03622044471123109e-01,
        1.66007664274403694e-03 * DAYS_PER_YEAR,
        7.69901118419740425e-03 * DAYS_PER_YEAR,
        -6.90460016972063023e-05 * DAYS_PER_YEAR,
        9.54791938424326609e-04 * SOLAR_MASS,
    ]
    saturn = [
        8.34336671824457987e+00,
        4.12479856412430479e+00,
        -4.03523417114321381e-01,
        -2.76742510726862411e-03 * DAYS_PER_YEAR,
        4.99852801234917238e-03 * DAYS_PER_YEAR,
        2.30417297573763929e-05 * DAYS_PER_YEAR,
        2.85885980666130812e-04 * SOLAR_MASS,
    ]
    uranus = [
        1.28943695621391310e+01,
        -1.51111514016986312e+01,
        -2.23307578892655734e-01,
        2.96460137564761618e-03 * DAYS_PER_YEAR,
        2.37847173959480950e-03 * DAYS_PER_YEAR,
        -2.96589568540237556e-05 * DAYS_PER_YEAR,
        4.36624404335156298e-05 * SOLAR_MASS,
    ]
    neptune = [
        1.53796971148509165e+01,
        -2.59193146099879641e+01,
        1.79258772950371181e-01,
        2.68067772490389322e-03 * DAYS_PER_YEAR,
        1.62824170038242295e-03 * DAYS_PER_YEAR,
        -9.51592254519715870e-05 * DAYS_PER_YEAR,
        5.15138902046611451e-05 * SOLAR_MASS,
    ]
    return [sun, jupiter, saturn, uranus, neptune]


def pairs_of(bodies):
    result = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            result.append((bodies[i], bodies[j]))
    return result


def offset_momentum(bodies):
    px = py = pz = 0.0
    for body in bodies:
        m = body[6]
        px += body[3] * m
        py += body[4] * m
        pz += body[5] * m
    sun = bodies[0]
    sun[3] = -px / SOLAR_MASS
    sun[4] = -py / SOLAR_MASS
    sun[5] = -pz / SOLAR_MASS


def energy(bodies, pairs):
    e = 0.0
    for body in bodies:
        e += 0.5 * body[6] * (body[3] * body[3] + body[4] * body[4] + body[5] * body[5])
    for (a, b) in pairs:
        dx = a[0] - b[0]
        dy = a[1] - b[1]
        dz = a[2] - b[2]
        e -= (a[6] * b[6]) / ((dx * dx + dy * dy + dz * dz) ** 0.5)
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (a, b) in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            bm = b[6] * mag
            am = a[6] * mag
            a[3] -= dx * bm
            a[4] -= dy * bm
            a[5] -= dz * bm
            b[3] += dx * am
            b[4] += dy * am
            b[5] += dz * am
        for body in bodies:
            body[0] += dt * body[3]
            body[1] += dt * body[4]
            body[2] += dt * body[5]


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 400000
    bodies = make_bodies()
    pairs = pairs_of(bodies)
    offset_momentum(bodies)
    print(f"{energy(bodies, pairs):.9f}")
    advance(bodies, pairs, 0.01, steps)
    print(f"{energy(bodies, pairs):.9f}")


main()
