print("delta: start")
from gamma import gamma_name
delta_name = "delta"
