print("pkg/sub: executing", __name__, __package__)
from . import inner
from .inner.deep import deep_value
def sub_func():
    return f"sub_func sees {deep_value}"
