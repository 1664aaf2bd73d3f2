"""terridata:harmonise_cog and terridata:add_territorial_hierarchy on real 2018 communes (Ain), through
processing.run and once each through qgis_process.bin."""

from __future__ import annotations

import pandas as pd
import pytest

AIN = "communes-2018/communes-01-ain.geojson.gz"


@pytest.fixture(scope="module")
def ref():
    from terridata.core.cog.referential import default_referential

    return default_referential()


def _memory_copy(shared_data, with_geometry=True):
    """Ain's 2018 communes in a memory layer with two numeric fields: n (1, 2, 3...) and rate (n / 1000)."""
    from qgis.core import QgsFeature, QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    source = QgsVectorLayer(f"/vsigzip/{shared_data / AIN}", "ain", "ogr")
    assert source.isValid()
    uri = "MultiPolygon?crs=EPSG:4326" if with_geometry else "None"
    layer = QgsVectorLayer(uri, "ain2018", "memory")
    provider = layer.dataProvider()
    provider.addAttributes(
        [QgsField("insee", QVariant.String), QgsField("n", QVariant.Double), QgsField("rate", QVariant.Double)]
    )
    layer.updateFields()
    features = []
    for number, feature in enumerate(source.getFeatures(), start=1):
        out = QgsFeature(layer.fields())
        out.setAttributes([feature["code"], float(number), number / 1000.0])
        if with_geometry:
            geometry = feature.geometry()
            geometry.convertToMultiType()
            out.setGeometry(geometry)
        features.append(out)
    provider.addFeatures(features)
    return layer


def _table(rows):
    from qgis.core import QgsFeature, QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("None", "codes", "memory")
    layer.dataProvider().addAttributes([QgsField("code", QVariant.String), QgsField("value", QVariant.Double)])
    layer.updateFields()
    features = []
    for code, value in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code, value])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_harmonise_ain_2018_layer_to_2026(qgis_processing, terridata_provider, shared_data, ref):
    import processing

    layer = _memory_copy(shared_data)
    inputs = {f["insee"]: f for f in layer.getFeatures()}
    result = processing.run(
        "terridata:harmonise_cog",
        {
            "INPUT": layer,
            "CODE_FIELD": "insee",
            "SOURCE_VINTAGE": 0,  # detect
            "TARGET_VINTAGE": 5,  # 2026
            "ADDITIVE_FIELDS": ["n"],
            "RATE_FIELDS": ["rate"],
            "WEIGHT_FIELD": "n",
            "OUTPUT": "memory:",
            "REPORT": "memory:",
        },
    )
    assert result["SOURCE_VINTAGE_USED"] == "2020 or older"
    counts = {k: result[f"{k.upper()}_COUNT"] for k in ("unchanged", "recoded", "merged", "split", "unknown")}
    assert sum(counts.values()) == len(inputs) == layer.featureCount()
    assert counts["unknown"] == 0 and counts["merged"] > 20
    from terridata.core.cog.harmonise import harmonise

    _, core_report = harmonise(pd.DataFrame({"c": list(inputs)}), "c", 2018, 2026)
    assert counts == core_report.counts
    out = {f["insee"]: f for f in result["OUTPUT"].getFeatures()}
    assert set(out) == set(ref.members("01", "departement", 2026))
    assert sum(f["n"] for f in out.values()) == pytest.approx(sum(f["n"] for f in inputs.values()))
    # Valserhône (01033) = Bellegarde-sur-Valserine + Châtillon-en-Michaille + Lancrans (2019)
    valserhone = out["01033"]
    assert valserhone["source_codes"] == "01033;01091;01205"
    assert valserhone["cog_name"] == "Valserhône"
    parts = [inputs[c] for c in ("01033", "01091", "01205")]
    assert valserhone["n"] == pytest.approx(sum(p["n"] for p in parts))
    assert valserhone["rate"] == pytest.approx(sum(p["n"] * p["rate"] for p in parts) / sum(p["n"] for p in parts))
    area = sum(p.geometry().area() for p in parts)
    assert valserhone.geometry().area() == pytest.approx(area, rel=1e-3)
    assert valserhone.geometry().isMultipart()
    # an unchanged commune keeps its geometry
    assert out["01001"].geometry().area() == pytest.approx(inputs["01001"].geometry().area())
    report = {f["code"]: f for f in result["REPORT"].getFeatures()}
    assert len(report) == len(inputs)
    assert report["01091"]["kind"] == "merged" and report["01091"]["targets"] == "01033"
    assert report["01001"]["kind"] == "unchanged"


def test_harmonise_table_reports_unknown_and_split(qgis_processing, terridata_provider, ref):
    import processing

    table = _table([("60054", 100.0), ("01001", 5.0), ("96001", 7.0), ("1002", 1.0)])
    result = processing.run(
        "terridata:harmonise_cog",
        {
            "INPUT": table,
            "CODE_FIELD": "code",
            "SOURCE_VINTAGE": 4,  # 2023
            "TARGET_VINTAGE": 5,
            "ADDITIVE_FIELDS": ["value"],
            "OUTPUT": "memory:",
            "REPORT": "memory:",
        },
    )
    assert result["UNKNOWN_CODES"] == "96001"
    assert result["SPLIT_COUNT"] == 1 and result["UNCHANGED_COUNT"] == 2
    out = {f["code"]: f["value"] for f in result["OUTPUT"].getFeatures()}
    shares = ref.successor_shares("60054", 2023, 2026)
    assert out == pytest.approx(
        {"60054": 100 * shares["60054"], "60694": 100 * shares["60694"], "01001": 5.0, "01002": 1.0}
    )
    assert result["OUTPUT"].wkbType() == 100  # NoGeometry
    report = {f["code"]: f for f in result["REPORT"].getFeatures()}
    assert report["96001"]["kind"] == "unknown"
    from terridata.core.cog.harmonise import KINDS
    from terridata.processing.algorithms.harmonise_cog import KINDS as OUTPUT_KINDS

    assert OUTPUT_KINDS == KINDS


def test_harmonise_rejects_rates_without_weight(qgis_processing, terridata_provider):
    from qgis.core import QgsProcessingException

    import processing

    table = _table([("01001", 1.0)])
    with pytest.raises(QgsProcessingException, match="weight"):
        processing.run(
            "terridata:harmonise_cog",
            {"INPUT": table, "CODE_FIELD": "code", "RATE_FIELDS": ["value"], "OUTPUT": "memory:", "REPORT": "memory:"},
        )


def test_add_territorial_hierarchy(qgis_processing, terridata_provider, ref):
    import processing

    codes = ["75101", "2A004", "97411", "01091", "01126", "96001", "01033", "69381"]
    table = _table([(c, 1.0) for c in codes])
    result = processing.run(
        "terridata:add_territorial_hierarchy",
        {"INPUT": table, "CODE_FIELD": "code", "VINTAGE": 5, "OUTPUT": "memory:"},
    )
    rows = {f["code"]: f for f in result["OUTPUT"].getFeatures()}
    assert result["NOT_FOUND_CODES"] == "01126,96001" and result["NOT_FOUND_COUNT"] == 2
    for code in ("2A004", "97411", "01033"):
        anc = ref.ancestors(code, 2026)
        assert rows[code]["com_code"] == code
        assert rows[code]["epci_code"] == anc["epci"]
        assert rows[code]["dep_code"] == anc["departement"]
        assert rows[code]["reg_code"] == anc["region"]
        assert rows[code]["cog_status"] == "ok"
    assert rows["2A004"]["dep_name"] == "Corse-du-Sud" and rows["2A004"]["reg_name"] == "Corse"
    assert rows["97411"]["reg_code"] == "04" and rows["97411"]["com_name"] == "Saint-Denis"
    assert rows["75101"]["com_code"] == "75056" and rows["75101"]["dep_code"] == "75"
    assert rows["75101"]["cog_status"] == "arrondissement-municipal of 75056"
    assert rows["69381"]["com_code"] == "69123"
    # Châtillon-en-Michaille is a delegated commune of Valserhône (01033) in 2026
    assert rows["01091"]["com_code"] == "01033"
    assert rows["01091"]["cog_status"] == "commune-deleguee of 01033"
    # an absorbed code (in the anciensCodes of 01033, no longer even a delegated commune): reported, left empty
    assert not rows["01126"]["epci_code"]
    assert rows["01126"]["cog_status"] == "obsolete, successor 01033"
    assert rows["96001"]["cog_status"] == "unknown code"
    # following successors fills the obsolete code from Valserhône
    followed = processing.run(
        "terridata:add_territorial_hierarchy",
        {"INPUT": table, "CODE_FIELD": "code", "VINTAGE": 5, "FOLLOW_SUCCESSORS": True, "OUTPUT": "memory:"},
    )
    rows = {f["code"]: f for f in followed["OUTPUT"].getFeatures()}
    assert rows["01126"]["com_code"] == "01033"
    assert rows["01126"]["epci_code"] == ref.ancestors("01033", 2026)["epci"]
    assert rows["01126"]["cog_status"] == "obsolete code, filled from its successor 01033"
    assert followed["NOT_FOUND_COUNT"] == 2


def _ain_gpkg(shared_data, path):
    """Ain's 2018 communes as a GeoPackage with a numeric field n = 1."""
    from osgeo import gdal, ogr

    source = f"/vsigzip/{shared_data / AIN}"
    dataset = ogr.Open(source)
    name = dataset.GetLayer(0).GetName()
    dataset = None
    done = gdal.VectorTranslate(
        str(path),
        source,
        format="GPKG",
        SQLStatement=f'SELECT code AS insee, nom, CAST(1 AS REAL) AS n, geometry FROM "{name}"',
        SQLDialect="SQLITE",
        layerName="ain",
    )
    assert done is not None
    done = None  # close (flush) the GeoPackage
    return path


def test_both_algorithms_through_qgis_process(shared_data, tmp_path, ref):
    from osgeo import ogr
    from qgis_process_helper import run_qgis_process

    source = _ain_gpkg(shared_data, tmp_path / "ain.gpkg")
    out_path, report_path = tmp_path / "harmonised.gpkg", tmp_path / "report.csv"
    result = run_qgis_process(
        "terridata:harmonise_cog",
        {
            "INPUT": str(source),
            "CODE_FIELD": "insee",
            "SOURCE_VINTAGE": 1,
            "TARGET_VINTAGE": 5,
            "ADDITIVE_FIELDS": "n",
            "OUTPUT": str(out_path),
            "REPORT": str(report_path),
        },
    )["results"]
    data = ogr.Open(str(source))
    count = data.GetLayer(0).GetFeatureCount()
    assert result["UNKNOWN_COUNT"] == 0
    assert sum(result[f"{k}_COUNT"] for k in ("UNCHANGED", "RECODED", "MERGED", "SPLIT", "UNKNOWN")) == count
    harmonised = ogr.Open(str(out_path))  # keep the dataset alive while its layer is read
    rows = {f.GetField("insee"): f.GetField("n") for f in harmonised.GetLayer(0)}
    assert set(rows) == set(ref.members("01", "departement", 2026))
    assert sum(rows.values()) == pytest.approx(count)  # n = 1 per 2018 commune: totals preserved
    assert rows["01033"] == 3.0
    report_lines = report_path.read_text(encoding="utf-8").splitlines()
    assert len(report_lines) == count + 1

    hierarchy_path = tmp_path / "hierarchy.gpkg"
    result = run_qgis_process(
        "terridata:add_territorial_hierarchy",
        {"INPUT": str(out_path), "CODE_FIELD": "insee", "VINTAGE": 5, "OUTPUT": str(hierarchy_path)},
    )["results"]
    assert result["NOT_FOUND_COUNT"] == 0
    hierarchy = ogr.Open(str(hierarchy_path))
    values = {f.GetField("insee"): (f.GetField("epci_code"), f.GetField("dep_name")) for f in hierarchy.GetLayer(0)}
    assert values["01053"] == (ref.ancestors("01053", 2026)["epci"], "Ain")
    assert len(values) == len(rows)


# ------------------------------------------------------------------ issue 16, points 12 and 17
def _text_table(rows):
    from qgis.core import QgsFeature, QgsField, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("None", "codes", "memory")
    layer.dataProvider().addAttributes([QgsField("code", QVariant.String), QgsField("value", QVariant.String)])
    layer.updateFields()
    features = []
    for code, value in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code, value])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_harmonise_refuses_a_text_additive_field(qgis_processing, terridata_provider, tmp_path):
    from qgis.core import QgsProcessingException

    import processing

    table = _text_table([("01001", "12"), ("01002", "douze"), ("01003", "n/a"), ("01004", None), ("01005", "douze")])
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException) as caught:
        processing.run(
            "terridata:harmonise_cog",
            {
                "INPUT": table,
                "CODE_FIELD": "code",
                "ADDITIVE_FIELDS": ["value"],
                "OUTPUT": str(out),
                "REPORT": str(tmp_path / "report.csv"),
            },
        )
    message = str(caught.value)
    assert "Field value holds 3 value(s) that are not numbers" in message
    assert "'douze', 'n/a'" in message and "Nothing was written" in message
    assert list(tmp_path.iterdir()) == []


def test_harmonise_text_field_of_numbers_is_summed(qgis_processing, terridata_provider):
    import processing

    table = _text_table([("01001", "12"), ("01002", " 3.5 "), ("01003", None)])
    result = processing.run(
        "terridata:harmonise_cog",
        {
            "INPUT": table,
            "CODE_FIELD": "code",
            "SOURCE_VINTAGE": 5,  # 2024
            "ADDITIVE_FIELDS": ["value"],
            "OUTPUT": "memory:",
            "REPORT": "memory:",
        },
    )
    values = {f["code"]: f["value"] for f in result["OUTPUT"].getFeatures()}
    assert values["01001"] == 12.0 and values["01002"] == 3.5


def test_harmonise_says_how_many_duplicate_rows_were_merged(qgis_processing, terridata_provider, ref):
    from qgis.core import QgsProcessingFeedback

    import processing

    class Log(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.warnings = []

        def pushWarning(self, text):  # noqa: N802
            self.warnings.append(text)
            super().pushWarning(text)

    # 01001 three times, 01002 twice, 96001 (unknown) twice: 3 rows merged; unknown rows are dropped, not merged
    rows = [("01001", 1.0), ("01001", 2.0), ("1001", 4.0), ("01002", 10.0), ("01002", 20.0), ("01004", 7.0)]
    rows += [("96001", 1.0), ("96001", 1.0)]
    feedback = Log()
    result = processing.run(
        "terridata:harmonise_cog",
        {
            "INPUT": _table(rows),
            "CODE_FIELD": "code",
            "SOURCE_VINTAGE": 5,
            "ADDITIVE_FIELDS": ["value"],
            "OUTPUT": "memory:",
            "REPORT": "memory:",
        },
        feedback=feedback,
    )
    assert result["DUPLICATES_MERGED"] == 3
    values = {f["code"]: f["value"] for f in result["OUTPUT"].getFeatures()}
    assert values == {"01001": 7.0, "01002": 30.0, "01004": 7.0}
    assert any("3 input row(s) repeat a code of another row" in w for w in feedback.warnings)
    unique = processing.run(
        "terridata:harmonise_cog",
        {
            "INPUT": _table([("01001", 1.0), ("01002", 2.0)]),
            "CODE_FIELD": "code",
            "SOURCE_VINTAGE": 5,
            "ADDITIVE_FIELDS": ["value"],
            "OUTPUT": "memory:",
            "REPORT": "memory:",
        },
    )
    assert unique["DUPLICATES_MERGED"] == 0


CP1252_ROWS = [
    ("01033", "Valserhône"),
    ("42218", "Saint-Étienne"),
    ("97411", "Saint-Denis (La Réunion)"),
    ("2A004", "Ajaccio – l’Impériale"),  # en dash and typographic apostrophe: Windows-1252 only (0x96, 0x92)
]


def _cp1252_csv(path):
    text = "code;nom\n" + "".join(f"{c};{n}\n" for c, n in CP1252_ROWS)
    data = text.encode("cp1252")
    path.write_bytes(data)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # a real Windows-1252 file, not UTF-8
    return path


def test_hierarchy_of_a_windows_1252_csv_is_valid_utf8(qgis_processing, terridata_provider, tmp_path, ref):
    import processing

    source = _cp1252_csv(tmp_path / "communes.csv")
    out = tmp_path / "out.csv"
    result = processing.run(
        "terridata:add_territorial_hierarchy",
        {"INPUT": str(source), "CODE_FIELD": "code", "VINTAGE": 5, "OUTPUT": str(out)},
    )
    assert result["NOT_FOUND_COUNT"] == 0
    text = out.read_bytes().decode("utf-8")  # valid UTF-8
    assert "\ufffd" not in text
    for _code, name in CP1252_ROWS:
        assert name in text, name
    assert "Valserhône" in text and ref.name("42218", 2026, "commune") in text


def test_hierarchy_honours_the_encoding_chosen_on_the_layer(qgis_processing, terridata_provider, tmp_path):
    from qgis.core import QgsVectorLayer

    import processing

    source = tmp_path / "latin9.csv"
    source.write_bytes("code;nom\n01033;Valserhône €\n".encode("iso-8859-15"))  # € is 0xA4 in Latin-9
    layer = QgsVectorLayer(str(source), "latin9", "ogr")
    layer.setProviderEncoding("ISO-8859-15")
    result = processing.run(
        "terridata:add_territorial_hierarchy",
        {"INPUT": layer, "CODE_FIELD": "code", "VINTAGE": 5, "OUTPUT": "memory:"},
    )
    assert [f["nom"] for f in result["OUTPUT"].getFeatures()] == ["Valserhône €"]


def test_hierarchy_of_a_windows_1252_csv_through_qgis_process(tmp_path):
    from qgis_process_helper import run_qgis_process

    source = _cp1252_csv(tmp_path / "communes.csv")
    out = tmp_path / "out.csv"
    run_qgis_process(
        "terridata:add_territorial_hierarchy",
        {"INPUT": str(source), "CODE_FIELD": "code", "VINTAGE": 5, "OUTPUT": str(out)},
    )
    text = out.read_bytes().decode("utf-8")
    assert all(name in text for _, name in CP1252_ROWS) and "\ufffd" not in text


def test_text_file_encoding_is_detected(tmp_path):
    from terridata.processing.algorithms._input_encoding import text_file_encoding

    cases = {
        "utf8.csv": "code;nom\n01033;Valserhône\n".encode(),
        "bom.csv": "\ufeffcode;nom\n42218;Saint-Étienne\n".encode(),
        "cp1252.csv": "code;nom\n2A004;Ajaccio – l’Impériale\n".encode("cp1252"),
        "latin1.csv": b"code;nom\n01033;Valserh\xf4ne \x81\n",  # 0x81 has no meaning in Windows-1252
    }
    found = {}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        found[name] = text_file_encoding(tmp_path / name, chunk=7)  # small chunks: a character cut in two
    assert found == {"utf8.csv": None, "bom.csv": None, "cp1252.csv": "windows-1252", "latin1.csv": "iso-8859-1"}
