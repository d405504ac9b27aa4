# sys.exit("message"): message on stderr, exit status 1
import sys
print("about to exit")
sys.exit("fatal: something went wrong")
