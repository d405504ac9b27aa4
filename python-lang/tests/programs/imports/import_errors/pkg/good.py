ok = "pkg.good.ok imported"
