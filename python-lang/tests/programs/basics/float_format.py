# Float format specs
vals = [0.0, 1.0, -1.5, 3.14159265, 1234567.891, 1e-7, 1e21, 2.5, 0.125, 123.456]
for v in vals:
    print(f"{v:f}|{v:.2f}|{v:e}|{v:.3e}|{v:g}|{v:.3g}|{v:%}|{v:.1%}|{v:10.3f}|{v:<10.2f}|{v:+.1f}|{v:,.2f}")
print(f"{1e16:g}", f"{1e15:g}", f"{123456789.0:g}", f"{0.0001:g}", f"{0.00001:g}", f"{1.0:#g}", f"{100:#.3g}")
print(format(float("inf"), "f"), format(float("-inf"), "e"), format(float("nan"), "g"), format(float("inf"), "F"))
print(f"{2.5:.0f}", f"{3.5:.0f}", f"{0.5:.0f}", f"{1.25:.1f}", f"{1.35:.1f}", f"{2.675:.2f}")
print(f"{1.5:08.2f}", f"{-1.5:08.2f}", f"{1.5:^9.1f}|", f"{1.5: .2f}", f"{12345.6789:_.2f}")
print(format(1.0), format(1e100), format(0.1, ""), format(12.0, ".0e"), format(1e-10, "E"))
print(f"{1/3:.20f}", f"{2**0.5:.15g}", f"{1e300:.5g}", f"{5e-324:.3g}")
print("%.3f %e %g %5.1f %-8.2f| %+d %G" % (3.14159, 12345.678, 0.00001234, 2.25, 1.005, 7, 1e-20))
print(str(1e16), str(1.0e-4), repr(123.0), repr(1e22), 1e22 == 10 ** 22)
