#!/usr/bin/python3
"""Tests of analysis/python/tlm_results.py on the synthetic fixture (tests/analysis_fixture.py), and of its
sweep readers on small sweeps made by the built `tlm` (TLM_BINARY, default build/app/tlm; skipped without it).

Run: /usr/bin/python3 tests/test_tlm_results.py   (ctest: python_tlm_results)
"""
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "analysis", "python"))
import tlm_results as tr  # noqa: E402


def make_fixture(folder, *args):
    path = os.path.join(folder, "fixture.h5")
    subprocess.run([sys.executable, os.path.join(HERE, "analysis_fixture.py"), path, *args], check=True)
    return path


class TlmResultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = make_fixture(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_scenarios_are_listed_in_creation_order(self):
        self.assertEqual(tr.scenarios(self.path), ["base", "alt", "base#2"])

    def test_scenarios_fall_back_to_name_order_without_creation_order(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertEqual(tr.scenarios(make_fixture(d, "--no-order")), ["alt", "base", "base#2"])

    def test_a_file_without_scenarios_is_refused(self):
        import h5py
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "empty.h5")
            h5py.File(p, "w").create_group("x")
            with self.assertRaises(ValueError):
                tr.scenarios(p)

    def test_info_reads_attributes_and_axes(self):
        i = tr.info(self.path, "alt")
        self.assertEqual(i["tlm_version"], "0.1.0-fixture")
        self.assertEqual(i["seed"], 20251001)
        self.assertEqual(i["replications"], 10)
        self.assertEqual(i["sectors"], ["po", "vo", "mbo"])
        self.assertEqual(i["regions"], ["R01", "R02"])
        self.assertIn('rule = "ban"', i["scenario"])

    def test_metrics_are_tidy_with_one_row_per_cell(self):
        df = tr.metrics(self.path, "base", ["shortage_fte", "demand_fte"])
        self.assertEqual(list(df.columns), ["replication", "year", "region", "sector", "metric", "value"])
        self.assertEqual(len(df), 2 * 10 * 10 * 2 * 3)
        cell = df[(df.metric == "shortage_fte") & (df.replication == 3) & (df.year == 2027) & (df.region == "R02")
                  & (df.sector == "mbo")]
        self.assertEqual(cell.value.item(), 300 + 10 + 2 + 150)

    def test_national_sums_counts_over_regions(self):
        n = tr.national(self.path, "alt", "shortage_fte")
        v = n[(n.replication == 0) & (n.year == 2025) & (n.sector == "po")].value.item()
        self.assertAlmostEqual(v, (100 + 110) - 2 * 5)

    def test_national_reads_one_replication_at_a_time_and_equals_the_whole_cube_summed(self):
        import h5py
        a, years, regions, sectors = tr.metric(self.path, "alt", "shortage_fte")
        n = tr.national(self.path, "alt", "shortage_fte")
        self.assertTrue(np.allclose(n["value"].to_numpy(), a.sum(axis=2).reshape(-1)))
        # Every read of the dataset is of one replication: a hyperslab, never the whole cube.
        reads = []
        original = h5py.Dataset.__getitem__

        def spy(ds, key):
            if ds.name.endswith("/metrics/shortage_fte"):
                reads.append(key)
            return original(ds, key)

        h5py.Dataset.__getitem__ = spy
        try:
            tr.national(self.path, "alt", "shortage_fte", by_sector=False)
        finally:
            h5py.Dataset.__getitem__ = original
        self.assertEqual(len(reads), a.shape[0])
        self.assertTrue(all(isinstance(k, (int, np.integer)) for k in reads))

    def test_a_wrong_name_is_a_value_error_naming_the_valid_choices(self):
        for call in (lambda: tr.national(self.path, "alt", "shortage"),
                     lambda: tr.metric(self.path, "alt", "shortage"),
                     lambda: tr.metrics(self.path, "alt", ["shortage"])):
            with self.assertRaises(ValueError) as e:
                call()
            self.assertIn("no metric 'shortage'", str(e.exception))
            self.assertIn("shortage_fte", str(e.exception))
        with self.assertRaises(ValueError) as e:
            tr.national(self.path, "nope", "shortage_fte")
        self.assertIn("base, alt, base#2", str(e.exception))

    def test_national_ratios_are_ratios_of_sums_not_means_of_ratios(self):
        n = tr.national(self.path, "base", "so_share", by_sector=False)
        v = n[(n.replication == 0) & (n.year == 2025)].value.item()
        self.assertAlmostEqual(v, 1100 / 2500)
        mean_of_cells = (400 / 1000 + 700 / 1500) / 2
        self.assertNotAlmostEqual(v, mean_of_cells)
        s = tr.national(self.path, "base", "shortage_rate")
        r = s[(s.replication == 1) & (s.year == 2025) & (s.sector == "vo")].value.item()
        self.assertAlmostEqual(r, (200 + 210 + 100) / (2000 + 2100))

    def test_national_induction_quality_is_weighted_by_entrants(self):
        n = tr.national(self.path, "base", "induction_quality_mean", by_sector=False)
        v = n[(n.replication == 0) & (n.year == 2030)].value.item()
        self.assertAlmostEqual(v, (0.5 * 30 + 0.6 * 35) / 65)

    def test_cohorts_have_named_axes_and_nan_past_the_horizon(self):
        c = tr.cohorts(self.path, "alt", "retained")
        self.assertEqual(list(c.columns), ["replication", "year", "sector", "route", "k", "value"])
        self.assertTrue(np.isnan(c[(c.year == 2034) & (c.k == 1)].value).all())
        z = c[(c.replication == 0) & (c.year == 2026) & (c.route == "zij") & (c.k == 5)]
        self.assertEqual(list(z.sector), ["po", "vo", "mbo"])  # the fixture's shares 0.5, 0.3, 0.2
        self.assertAlmostEqual(z.value.sum(), 100 * 0.95**5 * (1 - 0.045))
        self.assertAlmostEqual(z[z.sector == "vo"].value.item(), 0.3 * 100 * 0.95**5 * (1 - 0.045))
        g = tr.cohorts(self.path, "base", "graduated")
        self.assertEqual(set(g.programme), {"pabo", "tweedegraads", "eerstegraads", "alo", "kunstvak"})
        with self.assertRaises(ValueError):
            tr.cohorts(self.path, "base", "nope")

    def test_paired_differences_of_replications_match_the_fixture(self):
        b = tr.national(self.path, "base", "shortage_fte", by_sector=False)
        a = tr.national(self.path, "alt", "shortage_fte", by_sector=False)
        d = (a.value - b.value)[a.year == 2030]
        self.assertAlmostEqual(d.mean(), -12 * 5.45)


    # vo subjects (format 3): wiskunde, engels, overig with shortage shares 0.5, 0.2, 0.3 and demand shares
    # 0.2, 0.3, 0.5 of each vo cell (tests/analysis_fixture.py).
    def test_subjects_are_listed_in_file_order(self):
        self.assertEqual(tr.subjects(self.path, "base"), ["wiskunde", "engels", "overig"])
        self.assertEqual(tr.info(self.path, "alt")["subjects"], ["wiskunde", "engels", "overig"])
        self.assertEqual(len(tr.subject_metric_names(self.path, "base")), 11)

    def test_subject_metrics_are_tidy_with_one_row_per_cell(self):
        df = tr.subject_metrics(self.path, "alt", ["shortage_fte", "hires"])
        self.assertEqual(list(df.columns), ["scenario", "replication", "year", "region", "subject", "metric", "value"])
        self.assertEqual(len(df), 2 * 10 * 10 * 2 * 3)
        self.assertEqual(set(df.scenario), {"alt"})
        self.assertEqual(list(df.subject[:3]), ["wiskunde", "engels", "overig"])  # file order, not sorted
        cell = df[(df.metric == "shortage_fte") & (df.replication == 3) & (df.year == 2027) & (df.region == "R02")
                  & (df.subject == "engels")]
        self.assertAlmostEqual(cell.value.item(), 0.2 * (200 + 10 + 2 + 150 - 2 * 5.3))
        h = df[(df.metric == "hires") & (df.subject == "overig")]
        self.assertTrue((h.value == 7.0).all())

    def test_subject_metrics_of_every_scenario(self):
        df = tr.subject_metrics(self.path, names=["demand_fte"])
        self.assertEqual(list(df.scenario.unique()), ["base", "alt", "base#2"])
        self.assertEqual(len(df), 3 * 10 * 10 * 2 * 3)
        both = tr.subject_metrics(self.path, ["alt", "base"], ["demand_fte"])
        self.assertEqual(list(both.scenario.unique()), ["alt", "base"])

    def test_subject_metrics_sum_to_the_vo_metrics(self):
        sub = tr.subject_metrics(self.path, "base", ["shortage_fte"])
        vo = tr.metrics(self.path, "base", ["shortage_fte"])
        vo = vo[vo.sector == "vo"].set_index(["replication", "year", "region"]).value
        s = sub.groupby(["replication", "year", "region"]).value.sum()
        self.assertTrue(np.allclose(s.sort_index().values, vo.sort_index().values, rtol=1e-12))

    def test_national_subject_rate_is_a_ratio_of_sums(self):
        n = tr.national_by_subject(self.path, "base", "shortage_rate")
        self.assertEqual(list(n.columns), ["replication", "year", "subject", "value"])
        v = n[(n.replication == 2) & (n.year == 2029) & (n.subject == "wiskunde")].value.item()
        self.assertAlmostEqual(v, 0.5 * (410 + 8 + 200) / (0.2 * 4100))
        cells = 0.5 * (0.5 * (304 / 2000) + 0.5 * (314 / 2100)) / 0.2
        self.assertNotAlmostEqual(v, cells, places=6)
        f = tr.national_by_subject(self.path, "base", "shortage_fte")
        self.assertAlmostEqual(f[(f.replication == 2) & (f.year == 2029) & (f.subject == "overig")].value.item(),
                               0.3 * (410 + 8 + 200))

    def test_the_subject_free_model_has_the_one_subject_all(self):
        with tempfile.TemporaryDirectory() as d:
            p = make_fixture(d, "--subjects", "all")
            self.assertEqual(tr.subjects(p, "base"), ["all"])
            df = tr.subject_metrics(p, "base", ["shortage_fte"])
            self.assertEqual(set(df.subject), {"all"})


class FormatVersionTest(unittest.TestCase):
    def test_a_damaged_file_is_refused_with_the_dataset_named(self):
        # Each dataset is checked against the group's own axes before anything is read (issue: hardening).
        import h5py
        import shutil
        cases = {
            "metrics/shortage_fte": lambda g: g["metrics"].create_dataset("shortage_fte", data=np.zeros((10, 3, 2, 3))),
            "subject_metrics/shortage_fte": lambda g: g["subject_metrics"].create_dataset(
                "shortage_fte", data=np.zeros((10, 16, 2, 1))),
            "cohorts/retained": lambda g: g["cohorts"].create_dataset("retained", data=np.zeros((10, 16, 3, 6, 4))),
            "years": lambda g: g.create_dataset("years", data=np.array([2025, 2027] + list(range(2028, 2042)))),
            "regions": lambda g: g.create_dataset("regions", data=np.array([b"R01", b"R01"])),
        }
        with tempfile.TemporaryDirectory() as d:
            good = make_fixture(d)
            for what, damage in cases.items():
                p = os.path.join(d, what.replace("/", "_") + ".h5")
                shutil.copy(good, p)
                with h5py.File(p, "r+") as f:
                    del f["base"][what]
                    damage(f["base"])
                with self.subTest(what=what):
                    with self.assertRaises(ValueError) as e:
                        tr.national(p, "base", "shortage_fte")
                    self.assertIn(p, str(e.exception))
                    self.assertIn("base/" + what.split("/")[0], str(e.exception))
                    # The other scenarios of the file still read.
                    self.assertGreater(len(tr.national(p, "alt", "shortage_fte")), 0)

    def test_the_module_reads_format_3(self):
        self.assertEqual(tr.FORMAT_VERSION, 3)

    def test_a_file_of_format_2_is_refused_naming_both_versions(self):
        with tempfile.TemporaryDirectory() as d:
            path = make_fixture(d, "--format-version", "2")
            with self.assertRaises(ValueError) as e:
                tr.subject_metrics(path, "base")
            self.assertIn("results format version 2, but this module reads format version 3", str(e.exception))

    def test_a_file_of_another_format_is_refused_naming_both_versions(self):
        with tempfile.TemporaryDirectory() as d:
            path = make_fixture(d)
            import h5py
            with h5py.File(path, "a") as f:
                f.attrs["format_version"] = np.int64(1)
            with self.assertRaises(ValueError) as e:
                tr.scenarios(path)
            self.assertIn("results format version 1", str(e.exception))
            self.assertIn(f"reads format version {tr.FORMAT_VERSION}", str(e.exception))
            with h5py.File(path, "a") as f:
                del f.attrs["format_version"]
            with self.assertRaises(ValueError) as e:
                tr.national(path, "base", "shortage_fte")
            self.assertIn("no format_version attribute", str(e.exception))


# Sweep files: made by the built `tlm sweep` (ctest passes its path in TLM_BINARY) on the two-region `tiny`
# world, so the layout read is the one tlm writes.
TLM = os.environ.get("TLM_BINARY", os.path.join(HERE, "..", "build", "app", "tlm"))

GRID_DESIGN = """scenario = "tiny"
alternatives = ["ban.toml"]
replications = 3
[[parameter]]
key = "policy.induction.base_quality.po"
values = [0.45, 0.85]
[[parameter]]
key = "policy.joining.mode"
values = ["none", "target"]
"""
LHS_DESIGN = """scenario = "tiny"
alternatives = ["ban.toml"]
replications = 2
design = "lhs"
points = 5
[[parameter]]
key = "reserve.return"
low = 0.01
high = 0.1
scale = "log"
"""
BAN = """extends = "tiny"
name = "tiny-ban"
[policy.groenpluk]
rule = "ban"
"""


def make_sweep(folder, design, name):
    for file, text in (("ban.toml", BAN), (name + ".toml", design)):
        with open(os.path.join(folder, file), "w") as f:
            f.write(text)
    out = os.path.join(folder, name + ".h5")
    subprocess.run([TLM, "sweep", name + ".toml", "-o", out, "-j", "2"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


@unittest.skipUnless(os.access(TLM, os.X_OK), f"no tlm binary at {TLM} (set TLM_BINARY)")
class SweepTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.grid = make_sweep(cls.tmp.name, GRID_DESIGN, "grid")
        cls.lhs = make_sweep(cls.tmp.name, LHS_DESIGN, "lhs")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def copy(self, name):
        import shutil
        p = os.path.join(self.tmp.name, name)
        shutil.copy(self.grid, p)
        return p

    def test_sweep_info_describes_the_design(self):
        i = tr.sweep_info(self.grid)
        self.assertEqual(i["parameters"], ["policy.induction.base_quality.po", "policy.joining.mode"])
        self.assertEqual(i["variants"], ["tiny", "tiny-ban"])
        self.assertEqual(i["base"], "tiny")
        self.assertEqual((i["n_points"], i["replications"], i["done"], i["failed"]), (4, 3, 12, 0))
        self.assertTrue(i["complete"])
        self.assertEqual(i["design_kind"], "grid")
        self.assertIn('values = ["none", "target"]', i["design"])
        self.assertEqual(i["ranges"], {})
        pts = i["points"]
        self.assertEqual(list(pts.columns), ["point", "policy.induction.base_quality.po", "policy.joining.mode"])
        # A grid: the first parameter varies slowest; a text parameter keeps its text.
        self.assertEqual(list(pts["policy.induction.base_quality.po"]), [0.45, 0.45, 0.85, 0.85])
        self.assertEqual(list(pts["policy.joining.mode"]), ["none", "target", "none", "target"])
        self.assertEqual(i["sectors"], ["po", "vo", "mbo"])
        self.assertIn("shortage_fte", i["national"])
        lhs = tr.sweep_info(self.lhs)
        self.assertEqual(lhs["design_kind"], "lhs")
        self.assertEqual(lhs["ranges"], {"reserve.return": {"low": 0.01, "high": 0.1, "scale": "log"}})
        v = lhs["points"]["reserve.return"]
        self.assertTrue(((v >= 0.01) & (v <= 0.1)).all())

    def test_sweep_is_tidy_with_the_points_parameter_values(self):
        import h5py
        df = tr.sweep(self.grid, ["shortage_fte", "demand_fte"])
        self.assertEqual(list(df.columns), ["point", "policy.induction.base_quality.po", "policy.joining.mode",
                                            "variant", "replication", "year", "sector", "metric", "value"])
        self.assertEqual(len(df), 2 * 4 * 3 * 16 * 3 * 2)  # variants, points, replications, years, sectors, metrics
        row = df[(df.variant == "tiny-ban") & (df.point == 3) & (df.replication == 2) & (df.year == 2030)
                 & (df.sector == "vo") & (df.metric == "shortage_fte")]
        with h5py.File(self.grid) as f:
            expected = f["tiny-ban/national/shortage_fte"][3, 2, 5, 1]
        self.assertEqual(row.value.item(), expected)
        self.assertEqual(row["policy.induction.base_quality.po"].item(), 0.85)
        self.assertEqual(row["policy.joining.mode"].item(), "target")
        self.assertTrue(np.isfinite(df.value).all())

    def test_filters_and_the_paired_effect(self):
        df = tr.sweep(self.grid, "shortage_fte", sector="po", variant=["tiny", "tiny-ban"])
        self.assertEqual(set(df.sector), {"po"})
        wide = df.pivot_table(index=["point", "replication", "year"], columns="variant", values="value")
        effect = wide["tiny-ban"] - wide["tiny"]
        self.assertEqual(len(effect), 4 * 3 * 16)
        only = tr.sweep(self.grid, "shortage_fte", sector=["po", "mbo"], variant="tiny")
        self.assertEqual(set(only.variant), {"tiny"})
        self.assertEqual(list(only.sector[:2]), ["po", "mbo"])

    def test_the_rate_is_the_ratio_of_the_national_sums(self):
        df = tr.sweep(self.grid, ["shortage_fte", "demand_fte", "shortage_rate"], variant="tiny")
        w = df.pivot_table(index=["point", "replication", "year", "sector"], columns="metric", values="value")
        w = w[w.demand_fte > 0]
        self.assertTrue(np.allclose(w.shortage_rate, w.shortage_fte / w.demand_fte, rtol=1e-12))

    def test_only_done_tasks_are_read(self):
        import h5py
        p = self.copy("undone.h5")
        with h5py.File(p, "r+") as f:
            f["done"][1, 0] = 0
        df = tr.sweep(p, "shortage_fte", sector="po", variant="tiny")
        self.assertEqual(len(df), (4 * 3 - 1) * 16)
        self.assertTrue(df[(df.point == 1) & (df.replication == 0)].empty)
        self.assertEqual(tr.sweep_info(p)["done"], 11)

    def test_sweep_subjects_keep_the_file_order(self):
        s = tr.sweep_subjects(self.grid, ["shortage_fte"], variant="tiny")
        self.assertEqual(list(s.columns), ["point", "policy.induction.base_quality.po", "policy.joining.mode",
                                           "variant", "replication", "year", "subject", "metric", "value"])
        subjects = tr.sweep_info(self.grid)["subjects"]
        self.assertEqual(list(s.subject[:len(subjects)]), subjects)
        self.assertEqual(len(s), 4 * 3 * 16 * len(subjects))
        one = tr.sweep_subjects(self.grid, "shortage_rate", subject="wiskunde")
        self.assertEqual(set(one.subject), {"wiskunde"})
        # Summed over subjects, the vo shortage (docs/output.md).
        vo = tr.sweep(self.grid, "shortage_fte", sector="vo", variant="tiny")
        total = s.groupby(["point", "replication", "year"]).value.sum().sort_index()
        self.assertTrue(np.allclose(total.values, vo.set_index(["point", "replication", "year"]).value
                                    .sort_index().values, rtol=1e-9))

    def test_unknown_names_are_a_value_error_naming_the_file(self):
        for kwargs in (dict(metrics="nope"), dict(sector="all"), dict(variant="base"),
                       dict(metrics=["shortage_fte", "x"])):
            with self.subTest(**kwargs):
                with self.assertRaises(ValueError) as e:
                    tr.sweep(self.grid, **kwargs)
                self.assertIn(self.grid, str(e.exception))
        with self.assertRaises(ValueError):
            tr.sweep_subjects(self.grid, subject="latin")

    def test_a_damaged_sweep_file_is_refused_naming_the_dataset(self):
        import h5py
        cases = {
            "/tiny-ban/national/shortage_fte": lambda f: (f["tiny-ban/national"].__delitem__("shortage_fte"),
                                                         f["tiny-ban/national"].create_dataset(
                                                             "shortage_fte", data=np.zeros((3, 3, 16, 3)))),
            "/tiny/subject_national/hires": lambda f: (f["tiny/subject_national"].__delitem__("hires"),
                                                      f["tiny/subject_national"].create_dataset(
                                                          "hires", data=np.zeros((4, 3, 16, 2)))),
            "/points/policy.joining.mode": lambda f: (f["points"].__delitem__("policy.joining.mode"),
                                                     f["points"].create_dataset("policy.joining.mode",
                                                                                data=np.array([b"none"] * 3))),
            "/done": lambda f: (f.__delitem__("done"), f.create_dataset("done", data=np.ones((4, 2), "u1"))),
            "/variants": lambda f: (f.__delitem__("variants"),
                                    f.create_dataset("variants", data=np.array([b"tiny", b"gone"]))),
            "/years": lambda f: (f.__delitem__("years"), f.create_dataset("years", data=np.arange(2025, 2041)[::-1])),
        }
        for i, (what, damage) in enumerate(cases.items()):
            p = self.copy(f"damaged{i}.h5")
            with h5py.File(p, "r+") as f:
                damage(f)
            for read in (lambda: tr.sweep(p, "shortage_fte"), lambda: tr.sweep_info(p),
                         lambda: tr.sweep_subjects(p, "shortage_fte")):
                with self.subTest(what=what):
                    with self.assertRaises(ValueError) as e:
                        read()
                    self.assertIn(p, str(e.exception))
                    self.assertIn(what, str(e.exception))

    def test_sweep_and_results_files_are_not_mixed_up(self):
        with self.assertRaises(ValueError) as e:
            tr.scenarios(self.grid)
        self.assertIn("a sweep file", str(e.exception))
        with self.assertRaises(ValueError) as e:
            tr.national(self.grid, "tiny", "shortage_fte")
        self.assertIn("a sweep file", str(e.exception))
        with tempfile.TemporaryDirectory() as d:
            results = make_fixture(d)
            with self.assertRaises(ValueError) as e:
                tr.sweep(results)
            self.assertIn("not a sweep file", str(e.exception))

    def test_a_sweep_file_of_another_format_is_refused(self):
        import h5py
        p = self.copy("v2.h5")
        with h5py.File(p, "r+") as f:
            f.attrs["format_version"] = np.int64(2)
        with self.assertRaises(ValueError) as e:
            tr.sweep(p)
        self.assertIn("results format version 2, but this module reads format version 3", str(e.exception))


if __name__ == "__main__":
    unittest.main()
