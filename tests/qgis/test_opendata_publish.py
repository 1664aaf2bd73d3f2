"""``terridata:publish_datagouv`` against a local replay of the data.gouv.fr write API: every request asserted
(method, path, headers, multipart body), the idempotent second run, the key never shown, errors (403, 413, a
failure midway then a rerun that completes), and the privacy gate on the sample's citizen reports."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from datagouv_write_replay import KEY, DataGouvWriteReplay
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import Qt

REPO = Path(__file__).resolve().parents[2]
SNAPSHOT = REPO / "resources" / "schemas"
SAMPLE = REPO / "sample_data" / "essonne.gpkg"
TEST_MASTER_PASSWORD = "terridata-test-master-password"  # the one tests/qgis/test_network.py uses


@pytest.fixture
def key_authcfg(qgis_app):
    """A Basic authentication configuration whose password is the data.gouv.fr API key."""
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip(f"QGIS authentication system disabled: {manager.disabledMessage()}")
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword(TEST_MASTER_PASSWORD, True)
    ids = []

    def make(secret=KEY):
        config = QgsAuthMethodConfig("Basic")
        config.setName("TerriData data.gouv.fr key (test)")
        config.setConfig("username", "api")
        config.setConfig("password", secret)
        ok, config = manager.storeAuthenticationConfig(config)
        assert ok and config.id()
        ids.append(config.id())
        return config.id()

    yield make
    for ident in ids:
        manager.removeAuthenticationConfig(ident)


@pytest.fixture
def replay(qgis_app, httpserver, monkeypatch):
    monkeypatch.setenv("TERRIDATA_DATAGOUV_URL", httpserver.url_for("/api/1"))
    monkeypatch.setenv("TERRIDATA_DATAGOUV_SCHEMA_URL", httpserver.url_for("/schemas"))  # 404: the snapshot
    monkeypatch.setenv("TERRIDATA_RATE_DATAGOUV", "1000/1")
    monkeypatch.setenv("TERRIDATA_CACHE_ENABLED", "false")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    return DataGouvWriteReplay(httpserver)


class Log(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.lines = []

    def pushInfo(self, text):  # noqa: N802
        self.lines.append(text)

    def pushWarning(self, text):  # noqa: N802
        self.lines.append(text)

    def reportError(self, text, fatal=False):  # noqa: N802
        self.lines.append(text)


@pytest.fixture
def log_messages(qgis_app):
    messages = []

    def record(message, tag, level):
        messages.append(f"[{tag}] {message}")

    log = QgsApplication.messageLog()
    log.messageReceived.connect(record, Qt.ConnectionType.DirectConnection)
    yield messages
    log.messageReceived.disconnect(record)


def grants_csv(tmp_path) -> tuple:
    """A valid SCDL grants CSV and its validation report, as export_to_schema writes them."""
    from test_opendata_export import GRANTS, MAPPING, grants_layer

    import processing

    out = {
        "OUTPUT": str(tmp_path / "subventions_2024.csv"),
        "REPORT_JSON": str(tmp_path / "subventions_2024_validation.json"),
        "REPORT_HTML": str(tmp_path / "subventions_2024_validation.html"),
    }
    processing.run(
        "terridata:export_to_schema",
        {"INPUT": grants_layer(GRANTS), "SCHEMA": "scdl/subventions@2.0.1", "MAPPING": MAPPING, **out},
    )
    return out["OUTPUT"], out["REPORT_JSON"]


def publish_params(csv_path, report, authcfg, **extra):
    return {
        "INPUT": csv_path,
        "VALIDATION_REPORT": report,
        "AUTHCFG": authcfg,
        "ORGANIZATION": "ville-d-evry",
        "TITLE": "Subventions aux associations 2024",
        "DESCRIPTION": "Données essentielles des conventions de subvention.",
        "LICENSE": "lov2",
        "FREQUENCY": "annual",
        "TEMPORAL_START": "2024-01-01",
        "TEMPORAL_END": "2024-12-31",
        "COVERAGE": "91228, 91",
        "TAGS": "subventions, associations",
        # grants name legal persons; their dates are quasi-identifiers for the detector: the publisher declares
        "NO_PERSONAL_DATA": True,
        **extra,
    }


def multipart_file(entry):
    assert entry["content_type"].startswith("multipart/form-data; boundary=")
    return entry["files"]["file"]


def test_publish_creates_then_updates_the_same_dataset(
    qgis_processing, terridata_provider, replay, key_authcfg, tmp_path, log_messages
):
    import processing

    csv_path, report = grants_csv(tmp_path)
    authcfg = key_authcfg()
    log = Log()
    result = processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg), feedback=log)
    assert result["CREATED"] and result["RESOURCES"] == 2
    calls = [(e["method"], e["path"]) for e in replay.log]
    ds = result["DATASET_ID"]
    rid_csv, rid_report = "r-2", "r-3"
    assert calls == [
        ("GET", "/api/1/organizations/ville-d-evry/"),
        ("GET", "/api/1/organizations/org-evry/datasets/"),
        ("POST", "/api/1/datasets/"),
        ("GET", f"/api/1/datasets/{ds}/"),
        ("POST", f"/api/1/datasets/{ds}/upload/"),
        ("PUT", f"/api/1/datasets/{ds}/resources/{rid_csv}/"),
        ("POST", f"/api/1/datasets/{ds}/upload/"),
        ("PUT", f"/api/1/datasets/{ds}/resources/{rid_report}/"),
    ]
    for entry in replay.log:
        assert entry["headers"].get("X-Api-Key") == KEY  # the key goes with every request, in the header only
        assert "Authorization" not in entry["headers"] and KEY not in entry["path"] and not entry["args"].get("apikey")
        assert entry["headers"]["User-Agent"].startswith("TerriData/")
    created = replay.log[2]["json"]
    assert created == {
        "title": "Subventions aux associations 2024",
        "description": "Données essentielles des conventions de subvention.",
        "organization": "org-evry",
        "license": "lov2",
        "frequency": "annual",
        "tags": ["subventions", "associations"],
        "extras": {"terridata:privacy_gate": "declared", "terridata:personal_data": "none (declared by the publisher)"},
        "temporal_coverage": {"start": "2024-01-01", "end": "2024-12-31"},
        "spatial": {"zones": ["fr:commune:91228", "fr:departement:91"], "granularity": "fr:commune"},
    }
    filename, mime, content = multipart_file(replay.log[4])
    assert (filename, mime) == ("subventions_2024.csv", "text/csv")
    assert content == Path(csv_path).read_bytes()
    assert replay.log[5]["json"] == {
        "title": "subventions_2024.csv",
        "type": "main",
        "description": "Data following the schema scdl/subventions",
        "schema": {"name": "scdl/subventions", "version": "2.0.1"},
    }
    assert multipart_file(replay.log[6])[2] == Path(report).read_bytes()
    assert replay.log[7]["json"]["type"] == "documentation" and "schema" not in replay.log[7]["json"]
    # second run: the same dataset and resources are updated, nothing is added
    replay.log.clear()
    again = processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg), feedback=log)
    assert not again["CREATED"] and again["DATASET_ID"] == ds
    assert [(e["method"], e["path"]) for e in replay.log] == [
        ("GET", "/api/1/organizations/ville-d-evry/"),
        ("GET", "/api/1/organizations/org-evry/datasets/"),
        ("PUT", f"/api/1/datasets/{ds}/"),
        ("GET", f"/api/1/datasets/{ds}/"),
        ("POST", f"/api/1/datasets/{ds}/resources/{rid_csv}/upload/"),
        ("PUT", f"/api/1/datasets/{ds}/resources/{rid_csv}/"),
        ("POST", f"/api/1/datasets/{ds}/resources/{rid_report}/upload/"),
        ("PUT", f"/api/1/datasets/{ds}/resources/{rid_report}/"),
    ]
    assert len(replay.datasets) == 1 and len(replay.datasets[ds]["resources"]) == 2
    assert replay.datasets[ds]["resources"][0]["schema"] == {"name": "scdl/subventions", "version": "2.0.1"}
    shown = "\n".join(log.lines + log_messages)
    assert KEY not in shown and "dataset 'Subventions aux associations 2024' updated" in shown


def test_wrong_key_unknown_organisation_and_non_member(
    qgis_processing, terridata_provider, replay, key_authcfg, tmp_path, log_messages
):
    import processing

    csv_path, report = grants_csv(tmp_path)
    wrong = key_authcfg("WRONG-KEY-abcdefgh")
    log = Log()
    with pytest.raises(QgsProcessingException) as err:
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, wrong), feedback=log)
    assert "403" in str(err.value) and "not a member" in str(err.value)
    assert "Invalid API Key ***" in str(err.value)  # what the server said, the key masked
    assert replay.log[-1]["headers"]["X-Api-Key"] == "WRONG-KEY-abcdefgh"
    assert "WRONG-KEY-abcdefgh" not in str(err.value) + "\n".join(log.lines + log_messages)
    good = key_authcfg()
    with pytest.raises(QgsProcessingException, match="404"):
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, good, ORGANIZATION="nope"))
    replay.orgs["org-other"] = {"id": "org-other", "slug": "autre", "name": "Autre"}
    with pytest.raises(QgsProcessingException, match="403.*not a member"):
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, good, ORGANIZATION="autre"))
    assert not replay.datasets


def test_file_too_large_and_failure_midway_then_rerun_completes(
    qgis_processing, terridata_provider, replay, key_authcfg, tmp_path
):
    import processing

    csv_path, report = grants_csv(tmp_path)
    authcfg = key_authcfg()
    replay.fail[("POST", r"/api/1/datasets/[^/]+/upload/")] = 413
    with pytest.raises(QgsProcessingException) as err:
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg))
    assert "413" in str(err.value) and "too large" in str(err.value)
    assert "Already done: dataset 'Subventions aux associations 2024' created" in str(err.value)
    # the rerun finds the dataset, uploads the CSV; the report's description fails (server error)
    replay.fail[("PUT", r"/api/1/datasets/[^/]+/resources/r-3/")] = 500
    with pytest.raises(QgsProcessingException) as err:
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg))
    message = str(err.value)
    assert "500" in message and "Run again to complete it" in message
    assert "file subventions_2024.csv uploaded as a new resource" in message
    assert "resource 'subventions_2024.csv' described" in message
    # the third run completes: one dataset, two resources, no duplicate
    processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg))
    (ds,) = replay.datasets.values()
    assert [r["title"] for r in ds["resources"]] == [
        "subventions_2024.csv",
        "Validation report of subventions_2024.csv",
    ]
    assert ds["resources"][1]["type"] == "documentation"


def test_connection_broken_midway_then_rerun_completes(
    qgis_processing, terridata_provider, replay, key_authcfg, tmp_path
):
    import processing

    csv_path, report = grants_csv(tmp_path)
    authcfg = key_authcfg()
    # the connection closes without an answer, again and again (Qt itself resends an idempotent PUT a few times)
    replay.fail[("PUT", r"/api/1/datasets/[^/]+/resources/r-2/")] = ["drop"] * 10
    with pytest.raises(QgsProcessingException) as err:
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg))
    message = str(err.value)
    assert "describing the resource 'subventions_2024.csv'" in message and "Connection closed" in message
    assert "Already done: dataset 'Subventions aux associations 2024' created" in message
    assert "file subventions_2024.csv uploaded as a new resource" in message and "Run again" in message
    replay.fail.clear()  # the network is back
    processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg))
    (ds,) = replay.datasets.values()
    assert len(ds["resources"]) == 2
    assert ds["resources"][0]["schema"] == {"name": "scdl/subventions", "version": "2.0.1"}


def test_invalid_report_or_bad_coverage_refused_before_any_request(
    qgis_processing, terridata_provider, replay, key_authcfg, tmp_path
):
    import processing

    csv_path, report = grants_csv(tmp_path)
    data = json.loads(Path(report).read_text(encoding="utf-8"))
    data["valid"] = False
    bad_report = tmp_path / "bad.json"
    bad_report.write_text(json.dumps(data), encoding="utf-8")
    authcfg = key_authcfg()
    with pytest.raises(QgsProcessingException, match="does not follow its schema"):
        processing.run("terridata:publish_datagouv", publish_params(csv_path, str(bad_report), authcfg))
    with pytest.raises(QgsProcessingException, match="91182 are not codes of the current COG"):
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, authcfg, COVERAGE="91182"))
    assert replay.log == []


# ------------------------------------------------------------------------------------------ privacy gate


def signalements_schema(tmp_path) -> Path:
    """A Table Schema of the anonymised citizen reports (the columns anonymised_export writes)."""
    schema = {
        "fields": [
            {"name": "category", "type": "string", "constraints": {"required": True}},
            {"name": "reported_on", "type": "string"},
            {"name": "commune", "type": "string"},
            {"name": "declarant_age", "type": "string"},
            {"name": "status", "type": "string"},
        ]
    }
    path = tmp_path / "signalements.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    return path


def test_privacy_gate_on_the_sample_citizen_reports(qgis_processing, terridata_provider, replay, key_authcfg, tmp_path):
    import processing

    reports = f"{SAMPLE}|layername=citizen_reports"
    authcfg = key_authcfg()
    # the raw reports, exported as they are: refused, nothing sent
    raw = {"OUTPUT": str(tmp_path / "raw.csv"), "REPORT_JSON": str(tmp_path / "raw.json")}
    raw["REPORT_HTML"] = str(tmp_path / "raw.html")
    raw_schema = {"fields": [{"name": n, "type": "string"} for n in ("category", "declarant_name", "declarant_email")]}
    (tmp_path / "raw_schema.json").write_text(json.dumps(raw_schema), encoding="utf-8")
    processing.run("terridata:export_to_schema", {"INPUT": reports, "SCHEMA": str(tmp_path / "raw_schema.json"), **raw})
    with pytest.raises(QgsProcessingException) as err:
        processing.run(
            "terridata:publish_datagouv",
            publish_params(raw["OUTPUT"], raw["REPORT_JSON"], authcfg, TITLE="Signalements", NO_PERSONAL_DATA=False),
        )
    assert "Privacy gate" in str(err.value) and "declarant_email" in str(err.value)
    assert replay.log == []
    # the anonymised export with its risk report passes, and the report is published as documentation
    anon = {
        "OUTPUT": str(tmp_path / "anon.gpkg"),
        "REPORT_JSON": str(tmp_path / "risk.json"),
        "REPORT_HTML": str(tmp_path / "risk.html"),
    }
    # (k = 11 with the locations generalised to grid cells would suppress 22 % of the reports: locations dropped)
    processing.run("terridata:anonymised_export", {"INPUT": reports, "GEOMETRY": 1, **anon})
    out = {
        "OUTPUT": str(tmp_path / "signalements.csv"),
        "REPORT_JSON": str(tmp_path / "signalements_validation.json"),
        "REPORT_HTML": str(tmp_path / "signalements_validation.html"),
    }
    processing.run(
        "terridata:export_to_schema", {"INPUT": anon["OUTPUT"], "SCHEMA": str(signalements_schema(tmp_path)), **out}
    )
    params = publish_params(out["OUTPUT"], out["REPORT_JSON"], authcfg, TITLE="Signalements")
    params.update(RISK_REPORT=anon["REPORT_JSON"], NO_PERSONAL_DATA=False)
    with pytest.raises(QgsProcessingException, match="k achieved is .* below the required k = 1000"):
        processing.run("terridata:publish_datagouv", {**params, "MIN_K": 1000})
    result = processing.run("terridata:publish_datagouv", params)
    assert result["RESOURCES"] == 3
    (ds,) = replay.datasets.values()
    assert ds["extras"]["terridata:privacy_gate"] == "anonymised"
    risk = next(e for e in replay.log if e["files"] and e["files"]["file"][0] == "risk.json")
    assert risk["files"]["file"][2] == Path(anon["REPORT_JSON"]).read_bytes()
    with open(out["OUTPUT"], encoding="utf-8") as handle:
        published = list(csv.DictReader(handle))
    assert "declarant_name" not in published[0] and "declarant_email" not in published[0]


def test_declared_no_personal_data_is_recorded(qgis_processing, terridata_provider, replay, key_authcfg, tmp_path):
    import processing

    table = tmp_path / "equipements.csv"
    table.write_text("EQUIP_NOM,EQUIP_EMAIL\r\nMairie,mairie@ville.fr\r\n", encoding="utf-8")
    authcfg = key_authcfg()
    params = publish_params(str(table), "", authcfg, TITLE="Équipements", NO_PERSONAL_DATA=False)
    with pytest.raises(QgsProcessingException, match="Privacy gate.*EQUIP_EMAIL"):
        processing.run("terridata:publish_datagouv", params)
    processing.run("terridata:publish_datagouv", {**params, "NO_PERSONAL_DATA": True})
    (ds,) = replay.datasets.values()
    assert ds["extras"]["terridata:personal_data"] == "none (declared by the publisher)"


def test_cancelled_run_sends_nothing(qgis_processing, terridata_provider, replay, key_authcfg, tmp_path):
    import processing

    csv_path, report = grants_csv(tmp_path)
    log = Log()
    log.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run("terridata:publish_datagouv", publish_params(csv_path, report, key_authcfg()), feedback=log)
    assert replay.log == [] and not replay.datasets
