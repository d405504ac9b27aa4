print("gamma: start")
from delta import delta_name
gamma_name = "gamma"
