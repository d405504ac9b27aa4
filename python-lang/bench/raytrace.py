"""raytrace: a small Whitted-style ray tracer -- spheres and a checkered floor, two point
lights with shadows, Lambert and Phong shading and mirror reflections -- rendering into
an in-memory list of pixels.

Exercises classes with operator overloading (__add__, __sub__, __mul__, __rmul__,
__neg__), many small short-lived objects, float arithmetic, math.sqrt/floor, isinstance,
polymorphic method calls, recursion and None checks.
Usage: raytrace.py [SIZE]  (default 280); renders a SIZE x SIZE image; prints the sum of
the 8-bit channels and a position-weighted checksum.
"""

import sys
import math

EPSILON = 1e-5


class Vector:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y, -self.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector(self.y * other.z - self.z * other.y,
                      self.z * other.x - self.x * other.z,
                      self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def reflect(self, normal):
        return self - normal * (2.0 * self.dot(normal))


class Color:
    def __init__(self, r, g, b):
        self.r = r
        self.g = g
        self.b = b

    def __add__(self, other):
        return Color(self.r + other.r, self.g + other.g, self.b + other.b)

    def __mul__(self, k):
        if isinstance(k, Color):
            return Color(self.r * k.r, self.g * k.g, self.b * k.b)
        return Color(self.r * k, self.g * k, self.b * k)

    def to_bytes(self):
        return (clamp_byte(self.r), clamp_byte(self.g), clamp_byte(self.b))


def clamp_byte(c):
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0 + 0.5)


BLACK = Color(0.0, 0.0, 0.0)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, color, diffuse, specular, shininess, reflection):
        self.color = color
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess
        self.reflection = reflection

    def color_at(self, point):
        return self.color


class Checkered(Material):
    def __init__(self, other, *args):
        Material.__init__(self, *args)
        self.other = other

    def color_at(self, point):
        if (math.floor(point.x) + math.floor(point.z)) % 2 == 0:
            return self.color
        return self.other


class Sphere:
    def __init__(self, center, radius, material):
        self.center = center
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        """Distance along `ray` to the nearest hit in front of its origin, or None."""
        oc = ray.origin - self.center
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal_at(self, point):
        return (point - self.center).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.normal = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > EPSILON else None

    def normal_at(self, point):
        return self.normal


class Light:
    def __init__(self, position, color):
        self.position = position
        self.color = color


class Scene:
    def __init__(self, objects, lights, ambient, max_depth):
        self.objects = objects
        self.lights = lights
        self.ambient = ambient
        self.max_depth = max_depth

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, light):
        to_light = light.position - point
        distance = to_light.length()
        ray = Ray(point, to_light)
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < distance:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            # A vertical sky gradient.
            k = 0.5 * (ray.direction.y + 1.0)
            return Color(0.2 + 0.3 * k, 0.3 + 0.4 * k, 0.6 + 0.4 * k)
        point = ray.at(t)
        normal = obj.normal_at(point)
        if normal.dot(ray.direction) > 0.0:
            normal = -normal
        material = obj.material
        base = material.color_at(point)
        color = base * self.ambient
        for light in self.lights:
            if self.shadowed(point, light):
                continue
            to_light = (light.position - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0.0:
                color = color + (base * light.color) * (lambert * material.diffuse)
            half = (to_light - ray.direction).normalized()
            spec = normal.dot(half)
            if spec > 0.0:
                color = color + light.color * (material.specular * spec ** material.shininess)
        if material.reflection > 0.0 and depth < self.max_depth:
            reflected = Ray(point, ray.direction.reflect(normal))
            color = color + self.trace(reflected, depth + 1) * material.reflection
        return color


class Camera:
    def __init__(self, eye, look_at, up, fov_degrees):
        self.eye = eye
        self.forward = (look_at - eye).normalized()
        self.right = self.forward.cross(up).normalized()
        self.up = self.right.cross(self.forward)
        self.scale = math.tan(fov_degrees * math.pi / 360.0)

    def ray_for(self, px, py, width, height):
        sx = (2.0 * (px + 0.5) / width - 1.0) * self.scale
        sy = (1.0 - 2.0 * (py + 0.5) / height) * self.scale
        direction = self.forward + self.right * sx + self.up * sy
        return Ray(self.eye, direction)


def build_scene():
    shiny_red = Material(Color(0.9, 0.2, 0.2), 0.7, 0.5, 32, 0.25)
    matte_green = Material(Color(0.2, 0.8, 0.3), 0.9, 0.1, 8, 0.0)
    mirror = Material(Color(0.9, 0.9, 0.9), 0.2, 0.9, 64, 0.7)
    blue = Material(Color(0.2, 0.3, 0.9), 0.8, 0.4, 16, 0.1)
    floor = Checkered(Color(0.1, 0.1, 0.1), Color(0.95, 0.95, 0.95), 0.8, 0.2, 8, 0.3)
    objects = [
        Sphere(Vector(0.0, 1.0, 0.0), 1.0, shiny_red),
        Sphere(Vector(-2.2, 0.7, 1.0), 0.7, matte_green),
        Sphere(Vector(2.0, 1.3, -1.0), 1.3, mirror),
        Sphere(Vector(0.8, 0.4, 2.2), 0.4, blue),
        Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0), floor),
    ]
    lights = [
        Light(Vector(-5.0, 8.0, 6.0), Color(0.8, 0.8, 0.8)),
        Light(Vector(6.0, 5.0, 4.0), Color(0.4, 0.35, 0.3)),
    ]
    return Scene(objects, lights, 0.15, 3)


def render(size):
    scene = build_scene()
    camera = Camera(Vector(0.0, 2.2, 8.0), Vector(0.0, 0.8, 0.0), Vector(0.0, 1.0, 0.0), 50.0)
    pixels = []
    for py in range(size):
        for px in range(size):
            color = scene.trace(camera.ray_for(px, py, size, size), 0)
            pixels.append(color.to_bytes())
    return pixels


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 280
    pixels = render(size)
    total = 0
    checksum = 0
    for i, (r, g, b) in enumerate(pixels):
        total += r + g + b
        checksum = (checksum * 31 + r * 65536 + g * 256 + b + i) % 1000000007
    print(f"{size}x{size}: channel sum {total}, checksum {checksum}")


main()
