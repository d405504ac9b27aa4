print("pkg/__init__: executing", __name__)
PKG_NAME = "the package"
from .sub import sub_func as _sf
from_sub = _sf()
