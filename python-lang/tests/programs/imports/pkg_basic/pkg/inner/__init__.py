print("pkg/inner/__init__: executing", __name__)
