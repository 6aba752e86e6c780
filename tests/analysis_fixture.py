#!/usr/bin/python3
"""Writes a small synthetic results file in the exact format of `tlm run` (docs/output.md).

The numbers are not a simulation: they are simple formulas, so that the analysis tests can assert
exact effects. Replication i of every scenario shares the same "noise" (common random numbers), and
the scenarios differ by known, small, replication-dependent amounts:

  years 2025..2034 (Y = 10), regions R01, R02, 10 replications, rep = 0..9, y = year index, s = sector index
  base shortage_fte[rep, y, r, s] = 100 (s + 1) + 10 r + y + 50 rep        (large shared noise: 50 rep)
  alt  shortage_fte                = base - (s + 1) (5 + 0.1 rep)          per cell
     -> national alt - base, sector s: -2 (s + 1) (5 + 0.1 rep); mean over reps -2 (s + 1) 5.45
  open_fte = 0.5 shortage_fte;  demand_fte = 1000 (s + 1) + 100 r
  students = 1000 + 500 r;  students_so = 400 + 300 r + 10 y (+ 50 in alt)
  groenpluk_hires = 3 per cell and year in base, 1 in alt
  cost_total = cost_so = 1000 (s + 1) + 100 r + 400 rep;  alt adds 100 (s + 1) (5 + 0.1 rep) per cell
     -> every cost difference is -100 x the shortage difference: 100 EUR per FTE-year avoided
  cohorts/entrants = 100 per year and route; retained[k] = 100 rho^k (1 + 0.01 (rep - 4.5)),
     rho = 0.9 (base), alt: 0.95 for zij; NaN where year + k > end
  cohorts/intake = 100; graduated = 60 (+5 in alt) for intake years <= end - 7 (end - 5 eerstegraads),
     fewer (not yet finished) for later years
  cohorts/zij = 10; zij_completed = 8 (+1 in alt) for hire years <= end - 2, 4 after

  subjects (vo only; format 3): wiskunde, engels, overig, in this order (not alphabetical). Each vo metric
     cell is divided over the subjects by fixed shares, so the subject metrics sum to the vo column:
       shortage_fte, open_fte, hidden_fte by SHORTAGE_SHARE = 0.5, 0.2, 0.3
       demand_fte, teachers, graduates, zij_started by DEMAND_SHARE = 0.2, 0.3, 0.5
       staff_fte = demand_fte - 0.5 shortage_fte (per subject); shortage_rate = shortage_fte / demand_fte
       hires = 5 + x, exits = 3 + x (x = subject index)
     -> national vo shortage of subject x: SHORTAGE_SHARE[x] (410 + 2 y + 100 rep) in base,
        minus SHORTAGE_SHARE[x] 4 (5 + 0.1 rep) in alt; its rate that / (DEMAND_SHARE[x] 4100)

Usage: analysis_fixture.py OUT.h5 [--scenarios base,alt,base#2] [--no-order] [--subjects a,b,c]
                              [--format-version N]
  --scenarios   groups to write, in this order; a name starting with "alt" gets the alt numbers,
                any other name the base numbers (so "base#2" is an exact copy of "base")
  --no-order    do not track link creation order on the root group (readers fall back to name order)
  --subjects    "all": the subject-free model (one subject, shares 1); default the three above
  --format-version  the root attribute format_version (default 3)
"""
import argparse
from pathlib import Path

import h5py
import numpy as np

YEARS = np.arange(2025, 2035, dtype=np.int32)
REGIONS = ["R01", "R02"]
SECTORS = ["po", "vo", "mbo"]
ROUTES = ["initial", "grad_so", "grad_regular", "zij", "groenpluk", "returner"]
PROGRAMMES = ["pabo", "tweedegraads", "eerstegraads", "alo", "kunstvak"]
REPS = 10

def _registry():
    """Metric name -> (unit, numerator, denominator) from docs/output.md's table, which a test keeps equal to
    tlm's metric registry (`tlm show --metrics-markdown`): the fixture has no list of its own."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "output.md").read_text()
    table = doc.split("<!-- metrics:begin", 1)[1].split("<!-- metrics:end -->", 1)[0]
    out = {}
    for line in table.splitlines()[3:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        name, unit, aggregate = cells[0].strip("`"), cells[1], cells[3]
        num = den = None
        if aggregate != "sum":
            den = aggregate.rsplit("Σ ", 1)[1]
            num = None if aggregate.startswith("Σ (") else aggregate.split("Σ ", 2)[1].split(" /")[0]
        out[name] = (unit, num, den)
    return out


REGISTRY = _registry()
METRICS = {name: unit for name, (unit, _, _) in REGISTRY.items()}

BASE_TOML = """name = "{name}"
seed = 20251001
replications = 10

[years]
start = 2025
end = 2034

[induction]
full_effect = 0.6
so_boost = 0.25

[policy.groenpluk]
rule = "none"
"""

ALT_TOML = """name = "{name}"
seed = 20251001
replications = 10

[years]
start = 2025
end = 2034

[induction]
full_effect = 0.4
so_boost = 0.25

[policy.groenpluk]
rule = "ban"
compliance = 0.9
"""


# The scenario facts the analysis reads from the file (study lengths per programme, extra years, zij years).
STUDY_YEARS = [4, 4, 2, 4, 4]
MAX_EXTRA_YEARS = 3
ZIJ_YEARS = 2

SUBJECTS = ["wiskunde", "engels", "overig"]
SHORTAGE_SHARE = [0.5, 0.2, 0.3]
DEMAND_SHARE = [0.2, 0.3, 0.5]
FORMAT_VERSION = 3

# The subject metrics of format 3 (docs/output.md): unit, and for the ratio its numerator and denominator.
SUBJECT_METRICS = {
    "demand_fte": "FTE", "staff_fte": "FTE", "open_fte": "FTE", "hidden_fte": "FTE", "shortage_fte": "FTE",
    "shortage_rate": "ratio", "teachers": "persons", "hires": "persons", "exits": "persons",
    "graduates": "persons", "zij_started": "persons",
}


def fixed(strings):
    width = max(len(s) for s in strings)
    return np.array([s.encode("ascii") for s in strings], dtype=f"S{width}")


def metrics(alt):
    rep = np.arange(REPS)[:, None, None, None]
    y = np.arange(len(YEARS))[None, :, None, None]
    r = np.arange(len(REGIONS))[None, None, :, None]
    s = np.arange(len(SECTORS))[None, None, None, :]
    shape = (REPS, len(YEARS), len(REGIONS), len(SECTORS))
    full = lambda v: np.broadcast_to(np.asarray(v, dtype=np.float64), shape).copy()
    shortage = full(100.0 * (s + 1) + 10 * r + y + 50 * rep)
    if alt:
        shortage -= (s + 1) * (5 + 0.1 * rep)
    demand = full(1000.0 * (s + 1) + 100 * r)
    students = full(1000.0 + 500 * r)
    students_so = full(400.0 + 300 * r + 10 * y + (50 if alt else 0))
    schools = full(20.0 + 10 * r)
    member = full(10.0 + 8 * r + (2 if alt else 0))
    entrants = full(30.0 + 5 * r)
    cost = full(1000.0 * (s + 1) + 100 * r + 400 * rep)
    if alt:
        cost += 100.0 * (s + 1) * (5 + 0.1 * rep)
    m = {name: full(0.0) for name in METRICS}
    m.update(
        demand_fte=demand, shortage_fte=shortage, open_fte=0.5 * shortage, hidden_fte=0.5 * shortage,
        staff_fte=demand - 0.5 * shortage, qualified_fte=demand - shortage,
        shortage_rate=shortage / demand, teachers=full(1200.0 * (s + 1)), students=students,
        students_so=students_so, so_share=students_so / students,
        groenpluk_hires=full(1.0 if alt else 3.0), groenpluk_hires_member=full(0.5 if alt else 2.0),
        schools=schools, member_schools=member, member_share=member / schools, entrants=entrants,
        induction_quality_mean=full(0.5 + 0.1 * r + (0.1 if alt else 0.0)),
        graduates=full(50.0), dropouts=full(20.0), zij_started=full(10.0), reserve_size=full(600.0),
        cost_so=cost, cost_total=cost,
    )
    return m


def subject_metrics(alt, subjects):
    """[rep, year, region, subject] arrays: the vo column of metrics(alt) divided by the fixed shares."""
    m = metrics(alt)
    vo = SECTORS.index("vo")
    one = len(subjects) == 1
    ws = np.array([1.0] if one else SHORTAGE_SHARE)[None, None, None, :]
    wd = np.array([1.0] if one else DEMAND_SHARE)[None, None, None, :]
    col = lambda name: m[name][:, :, :, vo][..., None]
    shortage = col("shortage_fte") * ws
    demand = col("demand_fte") * wd
    x = np.arange(len(subjects))[None, None, None, :]
    shape = shortage.shape
    return dict(
        demand_fte=demand, staff_fte=demand - 0.5 * shortage, open_fte=col("open_fte") * ws,
        hidden_fte=col("hidden_fte") * ws, shortage_fte=shortage, shortage_rate=shortage / demand,
        teachers=col("teachers") * wd, hires=np.broadcast_to(5.0 + x, shape).copy(),
        exits=np.broadcast_to(3.0 + x, shape).copy(), graduates=col("graduates") * wd,
        zij_started=col("zij_started") * wd,
    )


def cohorts(alt):
    end = int(YEARS[-1])
    Y = len(YEARS)
    rep = np.arange(REPS)
    # Per sector of entry; the sectors' shares add up to 1, so the by-route sums stay 100 entrants.
    shares = np.array([0.5, 0.3, 0.2])[None, None, :, None]
    entrants = np.full((REPS, Y, len(ROUTES)), 100.0)
    retained = np.full((REPS, Y, len(ROUTES), 5), np.nan)
    for j, route in enumerate(ROUTES):
        rho = 0.95 if (alt and route == "zij") else 0.9
        for yi, year in enumerate(YEARS):
            for k in range(1, 6):
                if year + k <= end:
                    retained[:, yi, j, k - 1] = 100.0 * rho**k * (1 + 0.01 * (rep - 4.5))
    entrants = entrants[:, :, None, :] * shares
    retained = retained[:, :, None, :, :] * shares[..., None]
    intake = np.full((REPS, Y, len(PROGRAMMES)), 100.0)
    graduated = np.zeros_like(intake)
    for p, prog in enumerate(PROGRAMMES):
        last = end - (STUDY_YEARS[p] + MAX_EXTRA_YEARS)
        for yi, year in enumerate(YEARS):
            graduated[:, yi, p] = (65.0 if alt else 60.0) if year <= last else 10.0
    zij = np.full((REPS, Y, len(SECTORS)), 10.0)
    zij_completed = np.where((YEARS <= end - ZIJ_YEARS)[None, :, None], 9.0 if alt else 8.0, 4.0) * np.ones_like(zij)
    return dict(entrants=entrants, retained=retained, intake=intake, graduated=graduated, zij=zij,
                zij_completed=zij_completed)


def write(path, names, track_order=True, subjects=None, format_version=FORMAT_VERSION):
    subjects = SUBJECTS if subjects is None else subjects
    with h5py.File(path, "w", track_order=track_order) as f:
        f.attrs["format_version"] = np.int64(format_version)
        f.attrs["tlm_version"] = "0.1.0-fixture"
        f.attrs["created"] = "2025-01-01T00:00:00Z"
        f.attrs["command"] = "analysis_fixture.py"
        for name in names:
            alt = name.startswith("alt")
            g = f.create_group(name)
            g.attrs["scenario"] = (ALT_TOML if alt else BASE_TOML).format(name=name.split("#")[0])
            g.attrs["seed"] = np.uint64(20251001)
            g.attrs["replications"] = np.int32(REPS)
            g.attrs["study_years"] = np.array(STUDY_YEARS, dtype=np.int64)
            g.attrs["max_extra_years"] = np.int64(MAX_EXTRA_YEARS)
            g.attrs["zij_years"] = np.int64(ZIJ_YEARS)
            g.attrs["retention_years"] = np.int64(5)
            g["years"] = YEARS
            g["regions"] = fixed(REGIONS)
            g["sectors"] = fixed(SECTORS)
            g["routes"] = fixed(ROUTES)
            g["programmes"] = fixed(PROGRAMMES)
            g["subjects"] = fixed(subjects)
            mg = g.create_group("metrics")
            for m, values in metrics(alt).items():
                d = mg.create_dataset(m, data=values, chunks=(1,) + values.shape[1:], compression="gzip",
                                      compression_opts=4)
                d.attrs["unit"] = METRICS[m]
                _, num, den = REGISTRY[m]
                if den is not None:
                    d.attrs["numerator"] = num or ""
                    d.attrs["denominator"] = den
                d.attrs["description"] = f"synthetic {m}"
            sg = g.create_group("subject_metrics")
            for m, values in subject_metrics(alt, subjects).items():
                d = sg.create_dataset(m, data=values, chunks=(1,) + values.shape[1:], compression="gzip",
                                      compression_opts=4)
                d.attrs["unit"] = SUBJECT_METRICS[m]
                d.attrs["description"] = f"synthetic {m} per vo subject"
                d.attrs["recorded_by"] = "record"
                d.attrs["section"] = "12.5"
                if m == "shortage_rate":
                    d.attrs["aggregate"] = "Σ shortage_fte / Σ demand_fte"
                    d.attrs["numerator"] = "shortage_fte"
                    d.attrs["denominator"] = "demand_fte"
            cg = g.create_group("cohorts")
            for c, values in cohorts(alt).items():
                cg[c] = values


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--scenarios", default="base,alt,base#2")
    ap.add_argument("--no-order", action="store_true")
    ap.add_argument("--subjects", default=",".join(SUBJECTS))
    ap.add_argument("--format-version", type=int, default=FORMAT_VERSION)
    a = ap.parse_args()
    write(a.out, a.scenarios.split(","), track_order=not a.no_order, subjects=a.subjects.split(","),
          format_version=a.format_version)


if __name__ == "__main__":
    main()
