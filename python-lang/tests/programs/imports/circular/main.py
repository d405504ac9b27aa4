# Circular imports see partially initialised modules
import alpha
print("main: alpha.done =", alpha.done, "beta.done =", alpha.beta.done)
print(alpha.beta.seen_from_beta, alpha.seen_at_end)
try:
    import gamma
except ImportError as e:
    print(type(e).__name__, e)
