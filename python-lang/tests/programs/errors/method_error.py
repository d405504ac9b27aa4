# Traceback from inside methods, a property and a dunder
class Account:
    def __init__(self, balance):
        self.balance = balance
    @property
    def ratio(self):
        return 100 / self.balance
    def __repr__(self):
        return f"Account(ratio={self.ratio})"
    def report(self):
        return repr(self)
print(Account(50).report())
acct = Account(0)
print("about to fail")
acct.report()
