VERSION = "1.0"
from .models.user import User
from . import util
def create(name):
    return User(name).describe()
