import sys
print("executing counter module")
executions = getattr(sys, "_counter_executions", 0) + 1
sys._counter_executions = executions
value = 0
def bump():
    global value
    value += 1
