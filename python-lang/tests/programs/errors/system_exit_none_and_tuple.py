# SystemExit(None) exits 0 silently in a nested function after output; stdout flushed
def shutdown():
    print("shutting down")
    raise SystemExit(None)
print("start")
shutdown()
