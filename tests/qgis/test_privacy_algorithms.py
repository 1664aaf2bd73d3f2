"""The four confidentiality algorithms run through Processing (and once each from qgis_process.bin)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import Qt

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "privacy"
sys.path.insert(0, str(FIXTURES))
from citizen_reports import make_reports, write_geojson  # noqa: E402

TEST_MASTER_PASSWORD = "terridata-test-master-password"  # the one tests/qgis/test_network.py uses
HMAC_KEY = "Kx9-privacy-test-key-7f3c1a2b"  # stored as the Basic password of a test auth configuration
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"0\d(?:[ .]?\d{2}){4}")


def read_rows(path):
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    rows = []
    for feat in layer:
        row = {layer.GetLayerDefn().GetFieldDefn(i).GetName(): feat.GetField(i) for i in range(feat.GetFieldCount())}
        geom = feat.GetGeometryRef()
        row["_wkt"] = geom.ExportToWkt() if geom is not None else None
        rows.append(row)
    return rows


@pytest.fixture()
def reports_file(tmp_path):
    path = tmp_path / "citizen_reports.geojson"
    write_geojson(path, 800, 7)
    return path


@pytest.fixture()
def hmac_authcfg(qgis_app):
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(TEST_MASTER_PASSWORD, True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("TerriData pseudonymisation key (test)")
    config.setConfig("username", "pseudonymisation")
    config.setConfig("password", HMAC_KEY)
    ok, config = manager.storeAuthenticationConfig(config)
    assert ok and config.id()
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


@pytest.fixture()
def log_messages(qgis_app):
    messages = []

    def record(message, tag, level):
        messages.append(f"[{tag}] {message}")

    log = QgsApplication.messageLog()
    log.messageReceived.connect(record, Qt.ConnectionType.DirectConnection)
    yield messages
    log.messageReceived.disconnect(record)


def outputs(tmp_path, stem, ext="gpkg"):
    return {
        "OUTPUT": str(tmp_path / f"{stem}.{ext}"),
        "REPORT_HTML": str(tmp_path / f"{stem}_report.html"),
        "REPORT_JSON": str(tmp_path / f"{stem}_report.json"),
    }


# ------------------------------------------------------------------------------------------ anonymised export


def test_citizen_reports_export_with_defaults_is_k_anonymous(
    qgis_processing, terridata_provider, reports_file, tmp_path
):
    import processing

    out = outputs(tmp_path, "reports")
    result = processing.run(
        "terridata:anonymised_export", {"INPUT": str(reports_file), "SENSITIVE_FIELD": "category", **out}
    )
    rows = read_rows(out["OUTPUT"])
    assert len(rows) == result["RECORDS_EXPORTED"] >= 0.95 * 800
    # direct identifiers, record ids and free text are gone
    assert set(rows[0]) == {"category", "date", "code_commune", "cell_id", "_wkt"}
    text = json.dumps([{k: v for k, v in r.items() if k != "_wkt"} for r in rows], ensure_ascii=False)
    assert not EMAIL.search(text) and not PHONE.search(text)
    for rec in make_reports(800, 7)[:50]:
        assert rec["nom"] not in text and rec["email"] not in text
    # k-anonymity and l-diversity recomputed on the published file
    groups = Counter((r["date"], r["code_commune"], r["cell_id"]) for r in rows)
    assert min(groups.values()) >= 11 and min(groups.values()) == result["K_ACHIEVED"]
    diversity = {}
    for r in rows:
        diversity.setdefault((r["date"], r["code_commune"], r["cell_id"]), set()).add(r["category"])
    assert min(len(v) for v in diversity.values()) >= 2
    # the two reports of the small commune (Acigné) are not published as such
    assert "35001" not in {r["code_commune"] for r in rows}
    # geometry is the grid cell itself, in EPSG:3035
    size = int(re.match(r"CRS3035RES(\d+)m", rows[0]["cell_id"]).group(1))
    assert rows[0]["_wkt"].startswith("POLYGON") and ogr.CreateGeometryFromWkt(rows[0]["_wkt"]).Area() == size * size
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["exported"] and report["method"] == "anonymisation"
    assert report["measures"]["k achieved (smallest group)"] == result["K_ACHIEVED"]
    assert report["measures"]["records suppressed"] == 800 - len(rows)
    assert {c["criterion"] for c in report["criteria"]} == {"singling_out", "linkability", "inference"}
    assert report["fields"]["email"].startswith("dropped") and report["fields"]["description"].startswith("dropped")
    assert "seed" not in json.dumps(report["parameters"]).lower()
    assert "<h2>Assessment" in Path(out["REPORT_HTML"]).read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*"))  # atomic writes leave no temporary file


def test_same_seed_same_output_and_seed_not_written(qgis_processing, terridata_provider, reports_file, tmp_path):
    import processing

    files = []
    for i, seed in enumerate((11, 11, 12)):
        out = outputs(tmp_path, f"run{i}", "csv")
        processing.run("terridata:anonymised_export", {"INPUT": str(reports_file), "SEED": seed, **out})
        files.append(out)
    a, b, c = (Path(f["OUTPUT"]).read_bytes() for f in files)
    assert a == b
    assert a != c and sorted(a.splitlines()) == sorted(c.splitlines())  # only the shuffled order differs
    for f in files:
        report = Path(f["REPORT_JSON"]).read_text(encoding="utf-8")
        assert '"seed' not in report.lower() and "SEED" not in report


def test_refusal_when_k_cannot_be_met_writes_no_output(qgis_processing, terridata_provider, reports_file, tmp_path):
    import processing

    out = outputs(tmp_path, "refused")
    with pytest.raises(QgsProcessingException, match="Nothing was exported") as refused:
        processing.run(
            "terridata:anonymised_export",
            {"INPUT": str(reports_file), "K": 900, "SUPPRESSION_BUDGET": 1.0, **out},
        )
    message = str(refused.value)
    assert "cannot be met" in message and "800 records" in message and "What would work" in message
    assert "Nothing was written" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["citizen_reports.geojson"]  # no output, no report


def test_pseudonymisation_key_never_appears_and_free_text_is_redacted(
    qgis_processing, terridata_provider, reports_file, tmp_path, hmac_authcfg, log_messages
):
    import processing
    from terridata.core.privacy.identifiers import find_identifiers

    out = outputs(tmp_path, "pseudo", "geojson")
    feedback = QgsProcessingFeedback()
    processing.run(
        "terridata:anonymised_export",
        {
            "INPUT": str(reports_file),
            "DIRECT_ACTION": 1,
            "AUTHCFG": hmac_authcfg,
            "FREE_TEXT_ACTION": 1,
            **out,
        },
        feedback=feedback,
    )
    rows = read_rows(out["OUTPUT"])
    originals = make_reports(800, 7)
    pseudo = {
        hmac.new(HMAC_KEY.encode(), r["nom"].casefold().encode(), hashlib.sha256).hexdigest()[:32]: r["nom"]
        for r in originals
    }
    assert rows and all(r["nom_pseudo"] in pseudo for r in rows)  # HMAC-SHA-256 with the auth config's key
    names = {r["nom"] for r in originals} | {r["prenom"] for r in originals}
    for r in rows:
        assert find_identifiers(r["description"], names) == [], r["description"]
    assert any("[redacted]" in r["description"] for r in rows)
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["method"] == "pseudonymisation"
    verdicts = {c["criterion"]: c["verdict"] for c in report["criteria"]}
    assert verdicts["singling_out"] == verdicts["linkability"] == "failed"
    assert "Pseudonymisation, not anonymisation" in Path(out["REPORT_HTML"]).read_text(encoding="utf-8")
    for path in out.values():
        data = Path(path).read_bytes()
        assert HMAC_KEY.encode() not in data and hmac_authcfg.encode() not in data
    logs = "\n".join(log_messages) + feedback.textLog() + feedback.htmlLog()
    assert HMAC_KEY not in logs


def test_pseudonymisation_without_key_is_refused_before_work(
    qgis_processing, terridata_provider, reports_file, tmp_path
):
    import processing

    out = outputs(tmp_path, "nokey")
    with pytest.raises(QgsProcessingException, match="needs a key"):
        processing.run("terridata:anonymised_export", {"INPUT": str(reports_file), "DIRECT_ACTION": 1, **out})
    assert not Path(out["OUTPUT"]).exists()


# ------------------------------------------------------------------------------------------ secret statistique


def write_units_csv(path, spec, amounts=None):
    lines = ["commune,category,amount"]
    for (com, cat), n in spec.items():
        for i in range(n):
            amount = amounts[(com, cat)][i] if amounts and (com, cat) in amounts else 10.0
            lines.append(f"{com},{cat},{amount}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_secret_statistique_with_real_epci_hierarchy(qgis_processing, terridata_provider, tmp_path):
    import processing

    # Rennes Métropole communes (one EPCI) and Vitré Communauté communes, in Ille-et-Vilaine
    spec = {
        ("35238", "a"): 120, ("35238", "b"): 80, ("35051", "a"): 30, ("35051", "b"): 4,
        ("35047", "a"): 25, ("35047", "b"): 31, ("35360", "a"): 40, ("35360", "b"): 22,
        ("35068", "a"): 12, ("35068", "b"): 6,
    }  # fmt: skip
    amounts = {("35047", "b"): [900.0] + [5.0] * 30}  # one contributor ≈ 85.3 % of the cell
    units = write_units_csv(tmp_path / "units.csv", spec, amounts)
    out = outputs(tmp_path, "table")
    result = processing.run(
        "terridata:secret_statistique",
        {
            "INPUT": str(units),
            "TERRITORY_FIELD": "commune",
            "CATEGORY_FIELD": "category",
            "AMOUNT_FIELD": "amount",
            **out,
        },
    )
    rows = read_rows(out["OUTPUT"])
    cell = {(r["level"], r["territory"], r["category"]): r for r in rows}
    assert cell[("commune", "35051", "b")]["status"] == "hidden" and cell[("commune", "35051", "b")]["count"] is None
    assert cell[("commune", "35051", "b")]["reason"] == "frequency"
    assert cell[("commune", "35068", "b")]["reason"] == "frequency"
    assert cell[("commune", "35047", "b")]["reason"] == "dominance"
    assert {r["level"] for r in rows} == {"commune", "epci", "departement", "total"}
    # every published value is the true total of its territory (EPCI from the COG referential)
    from terridata.core.cog import default_referential

    ancestors = {com: default_referential().ancestors(com) for com, _ in spec}
    assert ancestors["35238"]["epci"] == ancestors["35051"]["epci"] == "243500139"
    for r in rows:
        if r["status"] != "published":
            continue
        true = sum(
            n
            for (com, cat), n in spec.items()
            if r["category"] in ("TOTAL", cat)
            and (r["level"] == "total" or ancestors[com].get(r["level"], com) == r["territory"])
        )
        assert r["count"] == true, r
    total = cell[("total", "TOTAL", "TOTAL")]
    assert total["status"] == "published" and float(total["count"]) == sum(spec.values())
    hidden = sum(r["status"] == "hidden" for r in rows)
    assert hidden == result["CELLS_HIDDEN"] > 3
    # no published margin (row or hierarchy) has exactly one hidden cell: checked on the file
    by_row = Counter((r["level"], r["territory"]) for r in rows if r["status"] == "hidden")
    assert all(n != 1 for n in by_row.values())
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["measures"]["primary cells (dominance)"] == 1
    assert report["measures"]["exact recomputation audit complete"] is True
    assert {c["verdict"] for c in report["criteria"]} == {"passed"}


# ------------------------------------------------------------------------------------------ protective grid


def write_points(path, x, y, crs="EPSG:3035", props=None):
    feats = []
    for i, (a, b) in enumerate(zip(x, y)):
        p = {"id": i} if props is None else {k: v[i] for k, v in props.items()}
        feats.append({"type": "Feature", "properties": p, "geometry": {"type": "Point", "coordinates": [a, b]}})
    code = crs.split(":")[1]
    fc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{code}"}}}
    fc["features"] = feats
    path.write_text(json.dumps(fc), encoding="utf-8")
    return path


def households(seed=0):
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.uniform(3_850_000, 3_852_000, 2000), rng.uniform(3_870_000, 3_870_500, 15), [3_990_000.0]])
    y = np.concatenate([rng.uniform(2_890_000, 2_892_000, 2000), rng.uniform(2_890_000, 2_890_500, 15), [2_990_000.0]])
    return x, y


def test_protective_grid(qgis_processing, terridata_provider, tmp_path):
    import processing

    x, y = households()
    pts = write_points(tmp_path / "households.geojson", x, y)
    out = outputs(tmp_path, "grid")
    result = processing.run("terridata:protective_grid", {"INPUT": str(pts), **out})
    rows = read_rows(out["OUTPUT"])
    assert len(rows) == result["CELLS"] > 50
    assert min(r["units"] for r in rows) >= 11
    assert sum(r["units"] for r in rows) == len(x) - 1  # the isolated household is not published
    for r in rows:
        assert r["id"].startswith(f"CRS3035RES{r['size_m']}m")
        assert ogr.CreateGeometryFromWkt(r["_wkt"]).Area() == r["size_m"] ** 2
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert report["measures"]["units suppressed (64 km cells below the threshold)"] == 1
    assert report["exported"]


# ------------------------------------------------------------------------------------------ geomask


def test_geomask_points_reaches_k_and_is_reproducible(qgis_processing, terridata_provider, tmp_path):
    import processing

    rng = np.random.default_rng(3)
    ref = write_points(
        tmp_path / "addresses.geojson", rng.uniform(0, 4000, 3000) + 3_850_000, rng.uniform(0, 4000, 3000) + 2_890_000
    )
    px, py = rng.uniform(500, 3500, 150) + 3_850_000, rng.uniform(500, 3500, 150) + 2_890_000
    pts = write_points(tmp_path / "cases.geojson", px, py)
    runs = []
    for i in range(2):
        out = outputs(tmp_path, f"masked{i}")
        params = {"INPUT": str(pts), "REFERENCE": str(ref), "MIN_DISTANCE": 50, "MAX_DISTANCE": 300, "MIN_K": 15}
        processing.run("terridata:geomask_points", {**params, "SEED": 5, **out})
        runs.append(read_rows(out["OUTPUT"]))
    assert [r["_wkt"] for r in runs[0]] == [r["_wkt"] for r in runs[1]]
    assert len(runs[0]) == 150 and min(r["k_achieved"] for r in runs[0]) >= 15
    for r in runs[0]:
        g = ogr.CreateGeometryFromWkt(r["_wkt"])
        d = np.hypot(g.GetX() - px[r["id"]], g.GetY() - py[r["id"]])
        assert 50 - 1e-6 <= d <= 300 + 1e-6
    report = json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))
    assert 50 <= report["information_loss"]["mean displacement (m)"] <= 300
    assert "displacement" not in runs[0][0]  # per-point distances would tell where the true point is


def test_geomask_with_grid_cells_and_counts_as_reference(qgis_processing, terridata_provider, tmp_path):
    import processing

    # reference: 200 m cells with a population count (as INSEE's gridded data), as polygons
    feats = []
    for i in range(20):
        for j in range(20):
            e, n = 3_850_000 + 200 * i, 2_890_000 + 200 * j
            ring = [[e, n], [e + 200, n], [e + 200, n + 200], [e, n + 200], [e, n]]
            feats.append(
                {"type": "Feature", "properties": {"pop": 30}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
            )
    fc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3035"}}}
    fc["features"] = feats
    ref = tmp_path / "cells.geojson"
    ref.write_text(json.dumps(fc), encoding="utf-8")
    pts = write_points(tmp_path / "pts.geojson", [3_852_000.0, 3_851_000.0], [2_892_000.0, 2_891_500.0])
    out = outputs(tmp_path, "cells_ref")
    params = {"INPUT": str(pts), "REFERENCE": str(ref), "REFERENCE_COUNT_FIELD": "pop", "MIN_K": 100}
    processing.run("terridata:geomask_points", {**params, "MIN_DISTANCE": 100, "MAX_DISTANCE": 600, **out})
    rows = read_rows(out["OUTPUT"])
    # counts are multiples of the cell population: the count field is used, not the number of cells
    assert all(r["k_achieved"] >= 100 and r["k_achieved"] % 30 == 0 for r in rows) and len(rows) == 2


def test_geomask_refuses_when_the_reference_is_too_sparse(qgis_processing, terridata_provider, tmp_path):
    import processing

    ref = write_points(tmp_path / "ref.geojson", [3_850_000.0, 3_850_010.0], [2_890_000.0, 2_890_000.0])
    pts = write_points(tmp_path / "pts.geojson", [3_850_005.0], [2_890_000.0])
    out = outputs(tmp_path, "sparse")
    with pytest.raises(QgsProcessingException, match="Nothing was exported.*What would work.*Nothing was written"):
        processing.run("terridata:geomask_points", {"INPUT": str(pts), "REFERENCE": str(ref), **out})
    assert not any(Path(p).exists() for p in out.values())


# ------------------------------------------------------------------------------------------ qgis_process


def test_anonymised_export_from_qgis_process(reports_file, tmp_path):
    from qgis_process_helper import run_qgis_process

    out = outputs(tmp_path, "qp_anon")
    res = run_qgis_process(
        "terridata:anonymised_export", {"INPUT": str(reports_file), "SENSITIVE_FIELD": "category", **out}
    )
    assert res["results"]["RECORDS_EXPORTED"] >= 760 and res["results"]["K_ACHIEVED"] >= 11
    assert len(read_rows(out["OUTPUT"])) == res["results"]["RECORDS_EXPORTED"]
    assert json.loads(Path(out["REPORT_JSON"]).read_text(encoding="utf-8"))["exported"] is True


def test_secret_statistique_from_qgis_process(tmp_path):
    from qgis_process_helper import run_qgis_process

    spec = {("35238", "a"): 40, ("35238", "b"): 5, ("35051", "a"): 30, ("35051", "b"): 20}
    units = write_units_csv(tmp_path / "units.csv", spec)
    out = outputs(tmp_path, "qp_secret", "csv")
    res = run_qgis_process(
        "terridata:secret_statistique",
        {"INPUT": str(units), "TERRITORY_FIELD": "commune", "CATEGORY_FIELD": "category", "HIERARCHY": 2, **out},
    )
    rows = read_rows(out["OUTPUT"])
    hidden = {(r["territory"], r["category"]) for r in rows if r["status"] == "hidden"}
    # 5 units in (35238, b): hidden, with the smallest cells that protect it in its row and its column
    assert hidden == {("35238", "b"), ("35238", "a"), ("35051", "a"), ("35051", "b")}
    assert res["results"]["CELLS_HIDDEN"] == 4


def test_protective_grid_from_qgis_process(tmp_path):
    from qgis_process_helper import run_qgis_process

    x, y = households()
    pts = write_points(tmp_path / "hh.geojson", x, y)
    out = outputs(tmp_path, "qp_grid", "geojson")
    res = run_qgis_process("terridata:protective_grid", {"INPUT": str(pts), **out})
    rows = read_rows(out["OUTPUT"])
    assert len(rows) == res["results"]["CELLS"] > 50 and min(r["units"] for r in rows) >= 11


def test_geomask_points_from_qgis_process(tmp_path):
    from qgis_process_helper import run_qgis_process

    x, y = households()
    pts = write_points(tmp_path / "hh.geojson", x[:300], y[:300])
    ref = write_points(tmp_path / "ref.geojson", x, y)
    out = outputs(tmp_path, "qp_mask")
    params = {"INPUT": str(pts), "REFERENCE": str(ref), "MIN_DISTANCE": 20, "MAX_DISTANCE": 200, "MIN_K": 5}
    res = run_qgis_process("terridata:geomask_points", {**params, "SEED": 3, **out})
    rows = read_rows(out["OUTPUT"])
    assert len(rows) == res["results"]["POINTS_EXPORTED"] == 300 and min(r["k_achieved"] for r in rows) >= 5


# ------------------------------------------------------------------------------------------ styles


def test_output_styles_load(qgis_app):
    from qgis.core import QgsVectorLayer

    from terridata.processing.base import STYLES_DIR

    cases = {
        "privacy_anonymised_export": ("Polygon?crs=EPSG:3035&field=cell_id:string", "singleSymbol"),
        "privacy_protective_grid": ("Polygon?crs=EPSG:3035&field=units:integer", "graduatedSymbol"),
        "privacy_geomask_points": ("Point?crs=EPSG:3035&field=k_ok:integer", "categorizedSymbol"),
    }
    for name, (uri, renderer) in cases.items():
        layer = QgsVectorLayer(uri, name, "memory")
        message, ok = layer.loadNamedStyle(str(STYLES_DIR / f"{name}.qml"))
        assert ok, message
        assert layer.renderer().type() == renderer


def test_sample_citizen_reports_of_the_demo(qgis_processing, terridata_provider, tmp_path, sample_gpkg):
    """The embedded Essonne sample (3,000 synthetic reports): refused with an age quasi-identifier, and the report
    says dropping it works; exported once it is dropped (the demo's parameters)."""
    import processing

    source = f"{sample_gpkg}|layername=citizen_reports"
    out = outputs(tmp_path, "essonne_refused")
    with pytest.raises(QgsProcessingException, match="drop the quasi-identifier declarant_age"):
        processing.run("terridata:anonymised_export", {"INPUT": source, "SENSITIVE_FIELD": "category", **out})
    assert not Path(out["OUTPUT"]).exists()
    out = outputs(tmp_path, "essonne")
    params = {"INPUT": source, "SENSITIVE_FIELD": "category", "DROP_FIELDS": ["declarant_age"]}
    result = processing.run("terridata:anonymised_export", {**params, **out})
    rows = read_rows(out["OUTPUT"])
    assert len(rows) == result["RECORDS_EXPORTED"] >= 0.95 * 3000
    assert set(rows[0]) == {"category", "reported_on", "commune", "status", "cell_id", "_wkt"}
    groups = Counter((r["reported_on"], r["commune"], r["cell_id"]) for r in rows)
    assert min(groups.values()) >= 11


def test_table_without_geometry_and_bad_report_extension(qgis_processing, terridata_provider, tmp_path):
    """A social-service style table (no geometry): ages and communes generalised, names dropped."""
    import processing

    rng = np.random.default_rng(8)
    communes = ["35238"] * 150 + ["35051"] * 40 + ["35047"] * 30 + ["35001"] * 3
    lines = ["nom,age,commune,aide"]
    for i, com in enumerate(communes):
        lines.append(f"Personne{i},{rng.integers(18, 95)},{com},{rng.choice(['rsa', 'apa', 'aah'])}")
    table = tmp_path / "beneficiaires.csv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = outputs(tmp_path, "table_out", "csv")
    params = {"INPUT": str(table), "AGE_FIELDS": ["age"], "COMMUNE_FIELDS": ["commune"], "SENSITIVE_FIELD": "aide"}
    result = processing.run("terridata:anonymised_export", {**params, **out})
    rows = read_rows(out["OUTPUT"])
    assert set(rows[0]) == {"age", "commune", "aide", "_wkt"} and rows[0]["_wkt"] is None
    groups = Counter((r["age"], r["commune"]) for r in rows)
    assert min(groups.values()) >= 11 and len(rows) == result["RECORDS_EXPORTED"]
    assert "35001" not in {r["commune"] for r in rows}
    with pytest.raises(QgsProcessingException, match=r"Risk report \(HTML\).*Use \.html"):
        processing.run("terridata:anonymised_export", {**params, **out, "REPORT_HTML": str(tmp_path / "r.csv")})
    assert not (tmp_path / "r.csv").exists()
    with pytest.raises(QgsProcessingException, match="The field age is declared twice"):
        processing.run("terridata:anonymised_export", {**params, **out, "DROP_FIELDS": ["age"]})
