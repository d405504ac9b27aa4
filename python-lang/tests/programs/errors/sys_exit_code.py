# sys.exit(3): exit status 3, nothing on stderr
import sys
print("exiting with 3")
sys.exit(3)
print("never")
