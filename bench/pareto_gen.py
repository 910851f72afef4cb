# SPDX-License-Identifier: MIT
# Writes the W3 inputs as raw float64 files (row-major) into DIR: uniform cubes (small fronts) and points on
# the simplex (every point non-dominated). Seeded, so every run benchmarks the same data.
import sys, os
import numpy as np

def main(out, scale):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(20261128)
    def save(name, a):
        a.astype(np.float64).tofile(os.path.join(out, name + ".f64"))
    n7, n6, n5 = int(1e7 * scale), int(1e6 * scale), int(1e5 * scale)
    for d in (2, 3, 4, 5):
        save(f"uniform_1e7_{d}d", rng.random((n7, d)))
    for d, n in ((2, n6), (3, n6), (4, n5)):
        e = rng.exponential(size=(n, d))
        save(f"simplex_1e{6 if n == n6 else 5}_{d}d", e / e.sum(axis=1, keepdims=True))
    save("uniform_1e6_3d", rng.random((n6, 3)))
    save("uniform_1e6_2d", rng.random((n6, 2)))
    save("uniform_1e5_4d", rng.random((n5, 4)))
    save("uniform_1e5_5d", rng.random((n5, 5)))

if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
