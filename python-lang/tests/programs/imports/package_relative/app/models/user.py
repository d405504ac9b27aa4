from .base import Base
from ..util import shout
from .. import VERSION
class User(Base):
    kind = "user v" + VERSION
    def __init__(self, name):
        self.name = shout(name)
