# Relative imports at several levels inside a package; package __init__ re-exports
from app import create, VERSION
from app.models import user
from app.models.user import User
import app.util as util
print(VERSION, create("ann"), User("bob").describe())
print(user.__name__, user.__package__, util.__name__, util.__package__)
print(util.helper_calls, util.shout("x"))
import app
print(sorted(k for k in vars(app) if not k.startswith("__")))
print(sorted(k for k in vars(app.models) if not k.startswith("__")))
