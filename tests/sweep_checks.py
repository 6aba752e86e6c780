#!/usr/bin/python3
"""Checks of sweep files for the end-to-end tests (Debian's python3 with h5py and numpy).

  sweep_checks.py point-equals-run SWEEP.h5 POINT RUN.h5
      Every variant of the sweep at POINT (0-based) equals the group of the same name in the results file of
      `tlm run` with that point's values: the cohort tables bit for bit, and the national metrics equal to the
      run's regional metrics aggregated as each metric's registry says (in region order, so bit for bit).
  sweep_checks.py marks SWEEP.h5
      Prints the number of done and failed tasks.
"""
import sys

import h5py
import numpy as np


def aggregate(mg, name, rep, sub=False):
    """The national value of metric `name` of replication `rep` from [rep, year, region, column]."""
    ds = mg[name]
    x = ds[rep]
    den_name = ds.attrs.get("denominator")
    num_name = ds.attrs.get("numerator")
    if isinstance(den_name, bytes):
        den_name = den_name.decode()
    if isinstance(num_name, bytes):
        num_name = num_name.decode()
    years, regions, cols = x.shape
    out = np.empty((years, cols))
    w = mg[den_name][rep] if den_name else None
    n = mg[num_name][rep] if num_name else None
    for y in range(years):
        for c in range(cols):
            num = 0.0
            den = 0.0
            for g in range(regions):
                if w is None:
                    num += float(x[y, g, c])
                else:
                    num += float(n[y, g, c]) if n is not None else float(x[y, g, c]) * float(w[y, g, c])
                    den += float(w[y, g, c])
            out[y, c] = num if w is None else (num / den if den != 0.0 else np.nan)
    return out


def same(a, b):
    return a.shape == b.shape and np.asarray(a, dtype=np.float64).tobytes() == np.asarray(b, dtype=np.float64).tobytes()


def point_equals_run(sweep_path, point, run_path):
    bad = 0
    with h5py.File(sweep_path, "r") as s, h5py.File(run_path, "r") as r:
        reps = int(s.attrs["replications"])
        for v in [x.decode() for x in s["variants"][()]]:
            sg, rg = s[v], r[v]
            for rep in range(reps):
                for table in sg["cohorts"]:
                    if not same(sg["cohorts"][table][point, rep], rg["cohorts"][table][rep]):
                        print(f"{v}/cohorts/{table} differs at replication {rep}")
                        bad += 1
                for part, src in (("national", "metrics"), ("subject_national", "subject_metrics")):
                    for m in sg[part]:
                        if not same(sg[part][m][point, rep], aggregate(rg[src], m, rep)):
                            print(f"{v}/{part}/{m} differs at replication {rep}")
                            bad += 1
    print("equal" if bad == 0 else f"{bad} differences")
    return 0 if bad == 0 else 1


def marks(path):
    with h5py.File(path, "r") as f:
        print(int(f["done"][()].sum()), int(f["failed"][()].sum()))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "point-equals-run":
        sys.exit(point_equals_run(sys.argv[2], int(sys.argv[3]), sys.argv[4]))
    if len(sys.argv) == 3 and sys.argv[1] == "marks":
        sys.exit(marks(sys.argv[2]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
