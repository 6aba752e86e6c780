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

    tr.sweep_info("sweep.h5")                        # parameters, variants, points, replications, design, ...
    sw = tr.sweep("sweep.h5", ["shortage_fte"], sector="po")
        # tidy: point, <one column per parameter>, variant, replication, year, sector, metric, value
    sws = tr.sweep_subjects("sweep.h5", ["shortage_rate"])   # the same by vo subject

Needs Python 3.11 (tomllib), h5py, numpy and pandas (Debian: python3-h5py python3-pandas; use /usr/bin/python3).

Ratio metrics (shortage_rate, so_share, ...) must never be averaged over cells: `national` forms them
from their numerator and denominator summed over regions (and sectors), e.g. shortage_rate = sum
shortage_fte / sum demand_fte. Which metrics are ratios, and of what, the file says: each ratio metric
dataset carries `numerator` and `denominator` attributes written from tlm's metric registry (`ratio_of`).

Subject metrics (format 3, docs/output.md): for vo only, per replication, year, region and subject, in the
group's `subject_metrics/`; the subjects are the group's `subjects` dataset (["all"] for the model without
subjects). Summed over subjects, demand/staff/open/hidden/shortage FTE and teachers equal the metrics' vo
column. Below a world.scale of about 0.5 the subject markets are thin and their shortages exaggerated.

Sweep files (`tlm sweep`, docs/output.md "Sweep files", root attribute kind = "sweep") hold national values
per point of a design, replication and variant; `sweep`, `sweep_subjects` and `sweep_info` read them (only
the tasks whose /done mark is 1). The functions for results files refuse a sweep file, and the other way round.
"""
import tomllib

import h5py
import numpy as np
import pandas as pd

__all__ = ["FORMAT_VERSION", "scenarios", "info", "metric_names", "metrics", "metric", "cohorts", "national", "ratio_of",
           "subjects", "subject_metric_names", "subject_metrics", "national_by_subject", "sweep_info", "sweep",
           "sweep_subjects"]

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


def _check_complete(f, path):
    """Refuse a results file whose run has not finished: tlm creates it with the root attribute complete = 0
    and sets it to 1 just before the file is renamed into place (files of a tlm before it have none)."""
    if "kind" not in f.attrs and "complete" in f.attrs and int(f.attrs["complete"]) != 1:
        raise ValueError(f"{path}: an unfinished run: its results file is still being written, or its run was "
                         "stopped before the end; wait for the run to finish, or run it again")


def _open(path):
    """The file, opened for reading, after its format version and completeness are checked."""
    f = h5py.File(path, "r")
    try:
        _check_complete(f, path)
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
        if not out and _text(f.attrs.get("kind", "")).rstrip("\x00 ") == "sweep":
            raise ValueError(f"{path}: a sweep file (tlm sweep), not a results file: read it with sweep(), "
                             "sweep_subjects(), sweep_info()")
    if not out:
        raise ValueError(f"{path}: not a tlm results file (no scenario group)")
    return out


def info(path, scenario=None):
    """Root attributes (tlm_version, created, command, and base_scenario: the base); with `scenario`,
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
        _names("metric", name, list(g["metrics"].keys()), path)
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
        names = _names("metric", names, list(g["metrics"].keys()), path)
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
    sum(denominator) over the aggregated cells, never a mean of cell ratios. The file is read one replication
    (one chunk) at a time: a national file's cube is never in memory whole.
    """
    with _open(path) as f:
        g = _group(f, path, scenario)
        years = g["years"][()].astype(int)
        sectors = _strings(g["sectors"])
        mg = g["metrics"]
        _names("metric", name, list(mg.keys()), path)
        v = _aggregate(mg, name, (2,) if by_sector else (2, 3))
    axes = [np.arange(v.shape[0]), years] + ([sectors] if by_sector else [])
    names = ["replication", "year"] + (["sector"] if by_sector else [])
    idx = pd.MultiIndex.from_product(axes, names=names)
    return pd.DataFrame({"value": v.reshape(-1)}, index=idx).reset_index()


def _aggregate(mg, name, axis):
    """A metric of the group `mg` summed over `axis` (never 0, the replication); a ratio (the file's numerator /
    denominator attributes) as sum(numerator) / sum(denominator) over the same cells, never a mean of cell
    ratios. Read one replication at a time (the datasets are chunked per replication), so memory holds one
    replication's cells, not the cube."""
    ds = mg[name]
    ratio = _ratio(ds)
    within = tuple(a - 1 for a in axis)  # the axes of one replication's slice
    out = None
    for i in range(ds.shape[0]):
        if ratio is None:
            v = ds[i].sum(axis=within)
        else:
            num_name, den_name = ratio
            den = mg[den_name][i]
            num = ds[i] * den if num_name is None else mg[num_name][i]
            num = np.nan_to_num(num)  # a cell without a denominator has no ratio: it adds nothing
            d = den.sum(axis=within)
            with np.errstate(invalid="ignore", divide="ignore"):
                v = np.where(d > 0, num.sum(axis=within) / np.where(d > 0, d, 1), np.nan)
        if out is None:
            out = np.empty((ds.shape[0],) + np.shape(v))
        out[i] = v
    if out is None:
        out = np.empty((0,) + tuple(n for k, n in enumerate(ds.shape[1:], start=1) if k not in axis))
    return out


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
        _names("subject metric", name, list(g["subject_metrics"].keys()), path)
        v = _aggregate(g["subject_metrics"], name, (2,))
    idx = pd.MultiIndex.from_product([np.arange(v.shape[0]), years, subs], names=["replication", "year", "subject"])
    return pd.DataFrame({"value": v.reshape(-1)}, index=idx).reset_index()


# Sweep files (docs/output.md, "Sweep files"): `tlm sweep DESIGN.toml` writes one file holding every
# variant (the base, then the alternatives) at every point of a design, replication by replication. The
# values are already national: national/<m> [point, replication, year, sector] (ratios formed from the
# summed numerator and denominator) and subject_national/<m> [point, replication, year, subject]. Only
# tasks whose /done mark is 1 hold values; the others are NaN while the sweep runs or after a failure.

def _names(what, given, known, path):
    """`given` (None: every known name; a string: that one; else a list) checked against `known`: an unknown
    name is a ValueError naming the file and the names there are, never a KeyError later."""
    if given is None:
        return list(known)
    names = [given] if isinstance(given, str) else list(given)
    for n in names:
        if n not in known:
            raise ValueError(f"{path}: no {what} {n!r} (there are: {', '.join(known)})")
    return names


def _toml_value(text):
    """A grid's text value as the file keeps it, the TOML text of a --set override ('none', true, [ 'po', 'vo' ]):
    a TOML string becomes the string itself; anything else (a boolean, an array) stays its TOML text."""
    try:
        v = tomllib.loads("v = " + text)["v"]
    except tomllib.TOMLDecodeError:
        return text
    return v if isinstance(v, str) else text


def _open_sweep(path):
    """The sweep file, opened for reading, after its format version and kind are checked."""
    f = _open(path)
    kind = _text(f.attrs.get("kind", "")).rstrip("\x00 ")
    if kind != "sweep":
        f.close()
        raise ValueError(f"{path}: not a sweep file (root attribute kind is {kind!r}, not 'sweep'); "
                         "a results file of tlm run or tlm compare is read with scenarios(), metrics(), national()")
    return f


def _sweep_layout(f, path):
    """The sweep file's axes, after every dataset that sweep(), sweep_subjects() and sweep_info() read is
    checked against them (docs/output.md): a damaged file is refused with ValueError naming the file and the
    dataset, never read past its end or silently misaligned."""

    def bad(what):
        raise ValueError(f"{path}: {what}; the file is damaged or not written by tlm sweep")

    for attr in ("points", "replications"):
        if attr not in f.attrs:
            bad(f"the root has no `{attr}` attribute")
    P, R = int(f.attrs["points"]), int(f.attrs["replications"])
    if P < 1 or R < 1:
        bad(f"points ({P}) and replications ({R}) must be at least 1")

    def names(axis, allow_empty=False):
        if axis not in f or not isinstance(f[axis], h5py.Dataset) or f[axis].ndim != 1:
            bad(f"/{axis} is missing or not a list")
        v = _strings(f[axis])
        if len(set(v)) != len(v) or (not v and not allow_empty):
            bad(f"/{axis} is empty or repeats a name")
        return v

    params = names("parameters", allow_empty=True)
    variants = names("variants")
    sectors = names("sectors")
    subjects = names("subjects")
    if "years" not in f:
        bad("/years is missing")
    years = f["years"][()]
    if years.ndim != 1 or len(years) == 0 or np.any(np.diff(years.astype(int)) != 1):
        bad("/years are not consecutive")
    points = {}
    for key in params:
        ds = f["points"].get(key) if "points" in f else None
        if ds is None or not isinstance(ds, h5py.Dataset) or ds.shape != (P,):
            bad(f"/points/{key} has shape {None if ds is None else getattr(ds, 'shape', None)}, expected {(P,)}")
        points[key] = [_toml_value(t) for t in _strings(ds)] if ds.dtype.kind in "SOU" else ds[()].astype(float)
    for marks in ("done", "failed"):
        ds = f.get(marks)
        if ds is None or not isinstance(ds, h5py.Dataset) or ds.shape != (P, R):
            bad(f"/{marks} has shape {None if ds is None else getattr(ds, 'shape', None)}, expected {(P, R)}")
    Y = len(years)
    for v in variants:
        if v not in f or not isinstance(f[v], h5py.Group):
            bad(f"/variants names {v!r}, but the file has no group /{v}")
        for folder, last in (("national", len(sectors)), ("subject_national", len(subjects))):
            if folder not in f[v]:
                bad(f"/{v}/{folder} is missing")
            for name, ds in f[v][folder].items():
                if ds.shape != (P, R, Y, last):
                    bad(f"/{v}/{folder}/{name} has shape {ds.shape}, expected {(P, R, Y, last)} "
                        f"(points × replications × years × {'sectors' if folder == 'national' else 'subjects'})")
    return dict(points=P, replications=R, parameters=params, point_values=points, variants=variants,
                years=years.astype(int), sectors=sectors, subjects=subjects, done=f["done"][()] == 1,
                failed=f["failed"][()] == 1)


def sweep_info(path):
    """What a sweep file holds: a dict with
    parameters     the parameters' keys, in the design's order
    ranges         {key: {"low", "high", "scale"}} for the parameters of an lhs or sobol design
    points         a DataFrame: point, then one column per parameter (its value at the point)
    variants       the groups, the base first; base: the base's group
    replications, n_points, design (the design file's text), design_file, design_kind (grid, lhs, sobol, or given: a `tlm sensitivity` study),
    seed, complete (True once every task has run), done and failed (tasks, each a (point, replication)),
    years, sectors, subjects, national and subject_national (the metric names), and the root's tlm_version,
    created, command."""
    with _open_sweep(path) as f:
        lay = _sweep_layout(f, path)
        base = lay["variants"][0]
        ranges = {}
        for key in lay["parameters"]:
            a = f["points"][key].attrs
            if "low" in a:
                ranges[key] = {"low": float(_text(a["low"])), "high": float(_text(a["high"])),
                               "scale": _text(a.get("scale", "linear"))}
        points = pd.DataFrame({"point": np.arange(lay["points"]), **lay["point_values"]})
        out = {k: _text(f.attrs[k]) for k in ("tlm_version", "created", "command", "design", "design_file",
                                                "design_kind") if k in f.attrs}
        out.update(
            parameters=lay["parameters"], ranges=ranges, points=points, variants=lay["variants"], base=base,
            replications=lay["replications"], n_points=lay["points"], seed=int(f.attrs.get("seed", 0)),
            complete=bool(int(f.attrs.get("complete", 0))), done=int(lay["done"].sum()),
            failed=int(lay["failed"].sum()), years=[int(y) for y in lay["years"]], sectors=lay["sectors"],
            subjects=lay["subjects"], national=list(f[base]["national"].keys()),
            subject_national=list(f[base]["subject_national"].keys()))
    return out


def _sweep_frame(path, folder, axis, metrics, labels, variant):
    """The tidy frame of sweep() (folder national, axis sector) and sweep_subjects() (subject_national,
    subject): the done tasks only, with the point's parameter values beside each row."""
    with _open_sweep(path) as f:
        lay = _sweep_layout(f, path)
        keys = lay["parameters"]
        columns = ["point", *keys, "variant", "replication", "year", axis, "metric", "value"]
        clash = set(keys) & set(columns[len(keys) + 1:] + ["point"])
        if clash:
            raise ValueError(f"{path}: a parameter is named like a column of the table ({', '.join(sorted(clash))})")
        variants = _names("variant", variant, lay["variants"], path)
        known = list(f[lay["variants"][0]][folder].keys())
        metrics = _names(f"{folder} metric", metrics, known, path)
        all_labels = lay[axis + "s"]
        labels = _names(axis, labels, all_labels, path)
        cols = [all_labels.index(x) for x in labels]
        pp, rr = np.nonzero(lay["done"])  # the done tasks, point by point
        years = lay["years"]
        n, Y, L = len(pp), len(years), len(cols)
        frames = []
        for v in variants:
            g = f[v][folder]
            for m in metrics:
                if m not in g:
                    raise ValueError(f"{path}: /{v}/{folder}/{m} is missing; the file is damaged or not written "
                                     f"by tlm sweep")
                a = g[m][()][pp, rr][:, :, cols] if n else np.empty((0, Y, L))
                df = pd.DataFrame({
                    "point": np.repeat(pp, Y * L),
                    "variant": v,
                    "replication": np.repeat(rr, Y * L),
                    "year": np.tile(np.repeat(years, L), n),
                    axis: np.tile(np.asarray(labels, dtype=object), n * Y),
                    "metric": m,
                    "value": a.reshape(-1),
                })
                frames.append(df)
    if not frames or not n:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    for key in keys:
        out[key] = np.asarray(lay["point_values"][key], dtype=object if isinstance(lay["point_values"][key], list)
                              else float)[out["point"].to_numpy()]
    return out[columns]


def sweep(path, metrics=None, sector=None, variant=None):
    """National metrics of a sweep file as a tidy DataFrame with columns
    point, <one column per parameter, named by its key: its value at the point>, variant, replication, year,
    sector, metric, value; one row per done task (point, replication), variant, year, sector and metric.

    `metrics`, `sector`, `variant`: a name, a list of names or None (every one); an unknown name is a
    ValueError. Every metric of a large sweep makes a large frame: pass names. Values are national: summed over regions, a ratio (shortage_rate) as sum numerator / sum
    denominator (the dataset's `aggregate` attribute says which), so never average a ratio over sectors:
    form it from its numerator and denominator. Replication i of every point and variant shares its random
    numbers, so ALT - BASE at the same point and replication is a paired effect:

        df = sweep("sweep.h5", "shortage_fte", sector="po")
        wide = df.pivot_table(index=["point", "replication", "year"], columns="variant", values="value")
        effect = wide["groenpluk-ban"] - wide["nl-baseline"]
    """
    return _sweep_frame(path, "national", "sector", metrics, sector, variant)


def sweep_subjects(path, metrics=None, subject=None, variant=None):
    """The vo subject metrics of a sweep file (subject_national/<m>) as a tidy DataFrame with columns
    point, <parameters...>, variant, replication, year, subject, metric, value; done tasks only. Subjects in
    file order. Values are national (summed over regions; shortage_rate the ratio of the sums)."""
    return _sweep_frame(path, "subject_national", "subject", metrics, subject, variant)
