"""Checks of results files for the end-to-end tests, run with Debian's /usr/bin/python3 (h5py, numpy).

  h5_checks.py layout FILE GROUP            every dataset of ARCHITECTURE.md is there with the right shape
  h5_checks.py prefix SMALL LARGE GROUP N   the N replications of SMALL equal the first N of LARGE, bit for bit
  h5_checks.py scales FILE                  every dataset of a results or sweep file has a dimension scale on each
                                            dimension, of that dimension's length (docs/output.md, "Axes")
"""
import sys

import h5py
import numpy as np

METRICS = """demand_fte staff_fte qualified_fte open_fte hidden_fte shortage_fte shortage_rate teachers
hires_grad_so hires_grad_regular hires_zij hires_groenpluk hires_returner exits_retire exits_attrition exits_move
students students_so so_share graduates dropouts delays groenpluk_hires groenpluk_hires_member students_employed
zij_started zij_completed zij_dropped member_share induction_quality_mean reserve_size returners""".split()


def layout(path, group):
    with h5py.File(path, "r") as f:
        for attr in ("tlm_version", "created", "command"):
            assert attr in f.attrs, f"root attribute {attr} missing"
        g = f[group]
        for attr in ("scenario", "seed", "replications"):
            assert attr in g.attrs, f"group attribute {attr} missing"
        reps = int(g.attrs["replications"])
        years = g["years"][:]
        regions = [s.decode() for s in g["regions"][:]]
        assert [s.decode() for s in g["sectors"][:]] == ["po", "vo", "mbo"]
        assert [s.decode() for s in g["routes"][:]] == ["initial", "grad_so", "grad_regular", "zij", "groenpluk",
                                                        "returner"]
        assert [s.decode() for s in g["programmes"][:]] == ["pabo", "tweedegraads", "eerstegraads", "alo",
                                                            "kunstvak"]
        Y, R = len(years), len(regions)
        for m in METRICS + ["exits_move"]:
            d = g["metrics/" + m]
            assert d.shape == (reps, Y, R, 3), (m, d.shape)
            assert d.dtype == np.float64
            assert d.chunks[0] == 1, "chunked per replication"
            assert d.compression == "gzip" and d.compression_opts == 1 and d.shuffle
            assert "unit" in d.attrs and "description" in d.attrs
        subjects = [s.decode() for s in g["subjects"][:]]
        assert subjects, "vo subjects"
        for name, d in g["subject_metrics"].items():
            assert d.shape == (reps, Y, R, len(subjects)), (name, d.shape)
            assert "unit" in d.attrs and "description" in d.attrs
        assert "shortage_fte" in g["subject_metrics"]
        shapes = {"entrants": (reps, Y, 3, 6), "retained": (reps, Y, 3, 6, 5), "intake": (reps, Y, 5),
                  "graduated": (reps, Y, 5), "zij": (reps, Y, 3), "zij_completed": (reps, Y, 3)}
        for name, shape in shapes.items():
            assert g["cohorts/" + name].shape == shape, (name, g["cohorts/" + name].shape)
        retained = g["cohorts/retained"][:]
        assert np.isnan(retained[:, -1]).all(), "retention past the horizon is NaN"
        assert not np.isnan(retained[:, 0]).any()
        shortage = g["metrics/shortage_fte"][:]
        assert np.isfinite(shortage).all() and (shortage >= 0).all()
        assert g["metrics/demand_fte"][:].sum() > 0
    print("layout ok")


def prefix(small, large, group, n):
    n = int(n)
    with h5py.File(small, "r") as a, h5py.File(large, "r") as b:
        names = []
        a[group].visit(lambda name: names.append(name) if isinstance(a[group][name], h5py.Dataset) else None)
        for name in names:
            x, y = a[group][name][()], b[group][name][()]
            if name.startswith(("metrics/", "cohorts/", "subject_metrics/")) or name == "replication":
                assert x.shape[0] == n, (name, x.shape)
                y = y[:n]
            if x.dtype.kind == "f":
                assert np.array_equal(x, y, equal_nan=True), name
            else:
                assert np.array_equal(x, y), name
    print(f"prefix ok: {len(names)} datasets")


def scales(path):
    # Lists of names that are no dimension of any dataset: the sweep's parameters and variants.
    lists = {"parameters", "variants"}
    with h5py.File(path, "r") as f:
        datasets = []
        f.visititems(lambda n, o: datasets.append(n) if isinstance(o, h5py.Dataset) else None)
        checked = 0
        for name in datasets:
            d = f[name]
            if h5py.h5ds.is_scale(d.id) or name in lists:
                continue
            for i, n in enumerate(d.shape):
                dim = d.dims[i]
                assert len(dim) == 1, f"{name}: dimension {i} has {len(dim)} scales"
                scale = dim[0]
                axis = scale.name.rsplit("/", 1)[-1]
                assert scale.shape == (n,), f"{name}: dimension {i} ({n}) has the scale {axis} of {scale.shape}"
                assert dim.label == axis, f"{name}: dimension {i} is labelled {dim.label!r}, its scale is {axis}"
            checked += 1
        assert checked > 0, "no dataset"
        # The index axes hold what they name, and a table's axes are those of docs/output.md (a sweep's
        # axes are at its root, its tables' first axis the point).
        sweep = "point" in f
        lead = ["point", "replication"] if sweep else ["replication"]
        if sweep:
            assert list(f["point"][()]) == list(range(f["point"].shape[0]))
        for group in [f[k] for k in f if isinstance(f[k], h5py.Group) and "cohorts" in f[k]]:
            axes = f if sweep else group
            assert list(axes["replication"][()]) == list(range(axes["replication"].shape[0]))
            assert list(axes["k"][()]) == [1, 2, 3, 4, 5]
            for table in ("metrics/shortage_fte", "national/shortage_fte"):
                if table in group:
                    d = group[table]
                    regional = ["regions"] if table.startswith("metrics") else []
                    assert [dim.label for dim in d.dims] == lead + ["years"] + regional + ["sectors"], table
                    assert list(d.dims[len(lead)][0][()]) == list(axes["years"][()])
            assert [dim.label for dim in group["cohorts/retained"].dims] == lead + [
                "years", "sectors", "routes", "k"]
    print(f"scales ok: {checked} datasets")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"layout": layout, "prefix": prefix, "scales": scales}[cmd](*args)
