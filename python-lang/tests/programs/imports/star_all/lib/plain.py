public_plain = "public"
_private_plain = "private"
import math as _m
import sys
