print("beta: start")
import alpha
seen_from_beta = ("alpha.done" , alpha.done, hasattr(alpha, "seen_at_end"))
done = True
print("beta: end")
