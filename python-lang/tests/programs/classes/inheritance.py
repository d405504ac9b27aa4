# Single inheritance, overriding, super(), isinstance/issubclass
class Animal:
    sound = "..."
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} says {self.sound}"
    def describe(self):
        return f"{type(self).__name__}({self.name}): {self.speak()}"
class Dog(Animal):
    sound = "woof"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + "!" * self.age
class Cat(Animal):
    def speak(self):
        return Animal.speak(self).upper()
for a in [Animal("generic"), Dog("rex"), Puppy("bit", 3), Cat("tom")]:
    print(a.describe())
p = Puppy("x", 1)
print(isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(p, Cat), isinstance(p, (Cat, Dog)))
print(issubclass(Puppy, Animal), issubclass(Animal, Puppy), issubclass(Dog, Dog), issubclass(bool, (str, int)), issubclass(Cat, object))
print([c.__name__ for c in Puppy.__mro__], Puppy.__bases__[0].__name__, Dog.__subclasses__()[0].__name__)
print(sorted(c.__name__ for c in Animal.__subclasses__()))
try:
    isinstance(p, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    issubclass(p, Animal)
except TypeError as e:
    print(type(e).__name__, e)
class Base:
    def __init__(self):
        self.log = ["base"]
class NoInit(Base):
    pass
class SkipsSuper(Base):
    def __init__(self):
        self.other = True
print(NoInit().log, hasattr(SkipsSuper(), "log"), SkipsSuper().__dict__)
print(type(p) is Puppy, type(p) == Dog, Dog.speak is Animal.speak, Puppy.speak is Dog.speak)
