"""Read tlm results files (HDF5, docs/output.md) into pandas, without tlm.

    import tlm_results as tr
    tr.scenarios("results.h5")                       # ['nl-baseline', 'groenpluk-ban']
    df = tr.metrics("results.h5", "nl-baseline")     # tidy: replication, year, region, sector, metric, value
    nat = tr.national("results.h5", "nl-baseline", "shortage_rate")   # replication, year, sector, value
    ret = tr.cohorts("results.h5", "nl-baseline", "retained")   # replication, year, sector, route, k, value
    tr.subjects("results.h5", "nl-baseline")         # ['nederlands', 'engels', ...]: vo subjects, file order
    sub = tr.subject_metrics("results.h5", "nl-baseline", ["shortage_fte"])
        # tidy: scenario, replication, year, region, subject, metric, value (vo only)
    nsub = tr.national_by_subject("results.h5", "nl-baseline", "shortage_rate")  # replication, year, subject, value

Needs h5py, numpy and pandas (Debian: python3-h5py python3-pandas; use /usr/bin/python3).

Ratio metrics (shortage_rate, so_share, ...) must never be averaged over cells: `national` forms them
from their numerator and denominator summed over regions (and sectors), e.g. shortage_rate = sum
shortage_fte / sum demand_fte. Which metrics are ratios, and of what, the file says: each ratio metric
dataset carries `numerator` and `denominator` attributes written from tlm's metric registry (`ratio_of`).

Subject metrics (format 3, docs/output.md): for vo only, per replication, year, region and subject, in the
group's `subject_metrics/`; the subjects are the group's `subjects` dataset (["all"] for the model without
subjects). Summed over subjects, demand/staff/open/hidden/shortage FTE and teachers equal the metrics' vo
column. Below a world.scale of about 0.5 the subject markets are thin and their shortages exaggerated.
"""
import h5py
import numpy as np
import pandas as pd

__all__ = ["FORMAT_VERSION", "scenarios", "info", "metric_names", "metrics", "metric", "cohorts", "national", "ratio_of",
           "subjects", "subject_metric_names", "subject_metrics", "national_by_subject"]

_COHORT_AXES = {
    "entrants": ("sector", "route"),
    "retained": ("sector", "route", "k"),
    "intake": ("programme",),
    "graduated": ("programme",),
    "zij": ("sector",),
    "zij_completed": ("sector",),
}


def _text(v):
    return v.decode("ascii") if isinstance(v, bytes) else str(v)


def _strings(ds):
    return [_text(s).rstrip("\x00 ") for s in ds[()]]


# The results-file format this module reads (root attribute format_version; docs/output.md).
FORMAT_VERSION = 3


def _check_format(f, path):
    """Refuse a file of another format version, naming both versions."""
    v = int(f.attrs["format_version"]) if "format_version" in f.attrs else 1
    if v != FORMAT_VERSION:
        missing = "" if "format_version" in f.attrs else " (no format_version attribute)"
        raise ValueError(f"{path}: results format version {v}{missing}, but this module reads format version "
                         f"{FORMAT_VERSION}; run the scenarios again with a tlm of that format")


def _open(path):
    """The file, opened for reading, after its format version is checked."""
    f = h5py.File(path, "r")
    try:
        _check_format(f, path)
    except Exception:
        f.close()
        raise
    return f


def _group(f, path, scenario):
    """The scenario's group, after its datasets are checked against its own axes (replications, years,
    regions, sectors, subjects, routes, programmes, retention years): an inconsistent file is refused with
    ValueError naming the file and the dataset, never read past its end or silently misaligned."""
    if scenario not in f or not _is_scenario(f[scenario]):
        raise ValueError(f"{path}: no scenario {scenario!r} (scenarios: {', '.join(scenarios(path))})")
    g = f[scenario]

    def bad(what):
        raise ValueError(f"{path}: {scenario}/{what}; the file is damaged or not written by tlm")

    if "replications" not in g.attrs:
        bad("has no `replications` attribute")
    reps = int(g.attrs["replications"])
    years = g["years"][()]
    if years.ndim != 1 or len(years) == 0 or np.any(np.diff(years.astype(int)) != 1):
        bad("years are not consecutive")
    n = {"year": len(years)}
    for axis in ("regions", "sectors", "routes", "programmes", "subjects"):
        if axis not in g:
            bad(f"{axis} is missing")
        names = _strings(g[axis])
        if len(set(names)) != len(names) or not names:
            bad(f"{axis} is empty or repeats a name")
        n[axis[:-1]] = len(names)
    k = int(g.attrs.get("retention_years", 5))

    def check(folder, dims):
        if folder not in g:
            bad(f"{folder} is missing")
        for name, ds in g[folder].items():
            expected = (reps,) + tuple(n[d] if d != "k" else k for d in dims)
            if ds.shape != expected:
                bad(f"{folder}/{name} has shape {ds.shape}, expected {expected}")

    check("metrics", ("year", "region", "sector"))
    check("subject_metrics", ("year", "region", "subject"))
    for table, axes in _COHORT_AXES.items():
        ds = g["cohorts"].get(table) if "cohorts" in g else None
        expected = (reps, n["year"]) + tuple(n[a] if a != "k" else k for a in axes)
        if ds is None or ds.shape != expected:
            bad(f"cohorts/{table} has shape {None if ds is None else ds.shape}, expected {expected}")
    return g


def _ratio(ds):
    """(numerator, denominator) of a ratio metric dataset, from the attributes the metric registry writes;
    a numerator of None means a mean weighted by the denominator; None for a count or FTE."""
    if "denominator" not in ds.attrs:
        return None
    num = _text(ds.attrs.get("numerator", ""))
    return (num or None, _text(ds.attrs["denominator"]))


def ratio_of(path, scenario, name):
    """How a metric aggregates: (numerator, denominator) for a ratio metric (numerator None: a mean weighted
    by the denominator), None for a metric that is summed. Read from the file, not from a list here."""
    with _open(path) as f:
        return _ratio(_group(f, path, scenario)["metrics"][name])


def _is_scenario(obj):
    return isinstance(obj, h5py.Group) and "years" in obj and "metrics" in obj


def scenarios(path):
    """Scenario group names in the order they were written (name order if the file does not track it).

    The first is the base of a `tlm compare` file. Raises ValueError if the file holds no scenario.
    """
    with _open(path) as f:
        # h5py's keys() follow creation order only if the file was opened with tracking; ask HDF5.
        names = []
        try:
            f.id.links.iterate(lambda n: names.append(n.decode()), idx_type=h5py.h5.INDEX_CRT_ORDER)
        except (KeyError, ValueError, RuntimeError):
            names = sorted(f.keys())
        out = [n for n in names if _is_scenario(f[n])]
    if not out:
        raise ValueError(f"{path}: not a tlm results file (no scenario group)")
    return out


def info(path, scenario=None):
    """Root attributes (tlm_version, created, command, and base_scenario in a comparison); with `scenario`,
    also its seed, replications, scenario TOML text, axes (years, regions, sectors, routes, programmes, vo
    subjects) and
    the facts for reading its cohort tables (study_years per programme, max_extra_years, zij_years,
    retention_years)."""
    with _open(path) as f:
        out = {k: _text(v) for k, v in f.attrs.items()}
        if scenario is not None:
            g = _group(f, path, scenario)
            out.update(
                scenario=_text(g.attrs.get("scenario", "")),
                seed=int(g.attrs.get("seed", 0)),
                replications=int(g.attrs.get("replications", 0)),
                years=[int(y) for y in g["years"][()]],
                regions=_strings(g["regions"]),
                sectors=_strings(g["sectors"]),
                routes=_strings(g["routes"]),
                programmes=_strings(g["programmes"]),
                subjects=_strings(g["subjects"]),
            )
            for fact in ("study_years", "max_extra_years", "zij_years", "retention_years"):
                if fact in g.attrs:
                    v = g.attrs[fact]
                    out[fact] = [int(x) for x in v] if getattr(v, "ndim", 0) else int(v)
    return out


def metric_names(path, scenario):
    """Names of the metrics stored for a scenario."""
    with _open(path) as f:
        return list(_group(f, path, scenario)["metrics"].keys())


def metric(path, scenario, name):
    """One metric as a numpy array [replication, year, region, sector] plus its axes:
    (array, years, regions, sectors)."""
    with _open(path) as f:
        g = _group(f, path, scenario)
        return (g["metrics"][name][()], g["years"][()].astype(int), _strings(g["regions"]), _strings(g["sectors"]))


def metrics(path, scenario, names=None):
    """Metrics of one scenario as a tidy DataFrame with columns
    replication, year, region, sector, metric, value (one row per cell).

    `names`: a list of metric names (default: all). National and full-scale files are large: pass names.
    """
    with _open(path) as f:
        g = _group(f, path, scenario)
        years = g["years"][()].astype(int)
        regions = _strings(g["regions"])
        sectors = _strings(g["sectors"])
        names = list(g["metrics"].keys()) if names is None else list(names)
        frames = []
        for m in names:
            a = g["metrics"][m][()]
            idx = pd.MultiIndex.from_product(
                [np.arange(a.shape[0]), years, regions, sectors], names=["replication", "year", "region", "sector"])
            frames.append(pd.DataFrame({"metric": m, "value": a.reshape(-1)}, index=idx).reset_index())
    if not frames:
        return pd.DataFrame(columns=["replication", "year", "region", "sector", "metric", "value"])
    return pd.concat(frames, ignore_index=True)


def cohorts(path, scenario, table):
    """A cohort table as a tidy DataFrame: replication, year, <axis...>, value.

    table: entrants (sector of entry, route), retained (sector of entry, route, k = 1..retention_years; NaN
    past the horizon), intake, graduated (programme), zij, zij_completed (sector). `year` is the entry /
    intake / hiring year. A starter's sector is that of the school it entered (a return is a new entry).
    """
    if table not in _COHORT_AXES:
        raise ValueError(f"unknown cohort table {table!r}; one of {sorted(_COHORT_AXES)}")
    with _open(path) as f:
        g = _group(f, path, scenario)
        a = g["cohorts"][table][()]
        axes = [np.arange(a.shape[0]), g["years"][()].astype(int)]
        names = ["replication", "year"]
        for ax in _COHORT_AXES[table]:
            axes.append(np.arange(1, a.shape[-1] + 1) if ax == "k" else _strings(g[ax + "s"]))
            names.append(ax)
    idx = pd.MultiIndex.from_product(axes, names=names)
    return pd.DataFrame({"value": a.reshape(-1)}, index=idx).reset_index()


def national(path, scenario, name, by_sector=True):
    """A metric aggregated over regions (and, with by_sector=False, over sectors): a DataFrame with
    replication, year, [sector,] value.

    Counts and FTE are summed. Ratio metrics (see ratio_of: the file says which) are sum(numerator) /
    sum(denominator) over the aggregated cells, never a mean of cell ratios.
    """
    with _open(path) as f:
        g = _group(f, path, scenario)
        years = g["years"][()].astype(int)
        sectors = _strings(g["sectors"])
        mg = g["metrics"]
        axis = (2,) if by_sector else (2, 3)
        ratio = _ratio(mg[name])
        if ratio is not None:
            num_name, den_name = ratio
            den = mg[den_name][()]
            num = mg[name][()] * den if num_name is None else mg[num_name][()]
            num = np.nan_to_num(num)  # a cell without entrants has no mean: it adds nothing
            d = den.sum(axis=axis)
            with np.errstate(invalid="ignore", divide="ignore"):
                v = np.where(d > 0, num.sum(axis=axis) / np.where(d > 0, d, 1), np.nan)
        else:
            v = mg[name][()].sum(axis=axis)
    axes = [np.arange(v.shape[0]), years] + ([sectors] if by_sector else [])
    names = ["replication", "year"] + (["sector"] if by_sector else [])
    idx = pd.MultiIndex.from_product(axes, names=names)
    return pd.DataFrame({"value": v.reshape(-1)}, index=idx).reset_index()


def _aggregate(mg, name, axis):
    """A metric of the group `mg` summed over `axis`; a ratio (the file's numerator / denominator attributes)
    as sum(numerator) / sum(denominator) over the same cells, never a mean of cell ratios."""
    ratio = _ratio(mg[name])
    if ratio is None:
        return mg[name][()].sum(axis=axis)
    num_name, den_name = ratio
    den = mg[den_name][()]
    num = mg[name][()] * den if num_name is None else mg[num_name][()]
    num = np.nan_to_num(num)  # a cell without a denominator has no ratio: it adds nothing
    d = den.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(d > 0, num.sum(axis=axis) / np.where(d > 0, d, 1), np.nan)


def subjects(path, scenario):
    """The vo subjects of a scenario, in file order (["all"] for the model without subjects)."""
    with _open(path) as f:
        return _strings(_group(f, path, scenario)["subjects"])


def subject_metric_names(path, scenario):
    """Names of the subject metrics stored for a scenario."""
    with _open(path) as f:
        return list(_group(f, path, scenario)["subject_metrics"].keys())


def subject_metrics(path, scenario=None, names=None):
    """vo subject metrics as a tidy DataFrame with columns
    scenario, replication, year, region, subject, metric, value (one row per cell).

    `scenario`: a group name, a list of them, or None for every scenario of the file (in file order).
    `names`: a list of subject metric names (default: all): demand_fte, staff_fte, open_fte, hidden_fte,
    shortage_fte, shortage_rate, teachers, hires, exits, graduates, zij_started. Rows keep the file's order
    of subjects (none is sorted; `subjects` lists them). Cells of shortage_rate are per cell: do not
    average them, use national_by_subject (sum shortage_fte / sum demand_fte).
    """
    groups = scenarios(path) if scenario is None else [scenario] if isinstance(scenario, str) else list(scenario)
    columns = ["scenario", "replication", "year", "region", "subject", "metric", "value"]
    frames = []
    with _open(path) as f:
        for sc in groups:
            g = _group(f, path, sc)
            years = g["years"][()].astype(int)
            regions = _strings(g["regions"])
            subs = _strings(g["subjects"])
            sg = g["subject_metrics"]
            for m in (list(sg.keys()) if names is None else list(names)):
                a = sg[m][()]
                idx = pd.MultiIndex.from_product(
                    [np.arange(a.shape[0]), years, regions, subs], names=["replication", "year", "region", "subject"])
                df = pd.DataFrame({"metric": m, "value": a.reshape(-1)}, index=idx).reset_index()
                df.insert(0, "scenario", sc)
                frames.append(df)
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def national_by_subject(path, scenario, name):
    """A vo subject metric summed over regions: a DataFrame with replication, year, subject, value.

    Counts and FTE are summed; a ratio (shortage_rate) is sum(numerator) / sum(denominator) over the regions,
    as the file's attributes say, never a mean of cell ratios.
    """
    with _open(path) as f:
        g = _group(f, path, scenario)
        years = g["years"][()].astype(int)
        subs = _strings(g["subjects"])
        v = _aggregate(g["subject_metrics"], name, (2,))
    idx = pd.MultiIndex.from_product([np.arange(v.shape[0]), years, subs], names=["replication", "year", "subject"])
    return pd.DataFrame({"value": v.reshape(-1)}, index=idx).reset_index()
