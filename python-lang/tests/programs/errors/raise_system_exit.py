# raise SystemExit with no argument exits 0; finally blocks still run
try:
    print("raising SystemExit")
    raise SystemExit
finally:
    print("finally ran")
