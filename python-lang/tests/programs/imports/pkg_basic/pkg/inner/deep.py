print("pkg/inner/deep: executing", __name__)
from .. import PKG_NAME
deep_value = 42
def deep_func():
    return f"deep_func in {__name__}, parent pkg name {PKG_NAME!r}"
