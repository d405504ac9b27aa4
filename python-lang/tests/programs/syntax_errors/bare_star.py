# Star expression in an invalid place
x = *a
