print("alpha: start")
done = False
import beta
seen_at_end = beta.done
done = True
print("alpha: end")
