_runs = 0
main_guard_ran = False
def run_count():
    global _runs
    _runs += 1
    return _runs
if __name__ == "__main__":
    main_guard_ran = True
print("tool imported with __name__", __name__)
