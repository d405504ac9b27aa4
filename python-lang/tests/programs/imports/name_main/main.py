# __name__ in the main program vs imported modules; the main module is not re-imported by name
import sys
import tool
print("main __name__:", __name__)
print("tool.__name__:", tool.__name__)
print(tool.run_count(), tool.main_guard_ran)
main_mod = sys.modules["__main__"]
print(main_mod.__name__, hasattr(main_mod, "tool"), main_mod.MARKER if hasattr(main_mod, "MARKER") else "no marker yet")
MARKER = "set later"
print(main_mod.MARKER)
import main as imported_main
print("imported main is a different module:", imported_main is main_mod, imported_main.__name__)
if __name__ == "__main__":
    print("main guard ran in __main__")
