# Assignment to keyword None
None = 1
