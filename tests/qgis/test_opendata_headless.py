"""export_to_schema and publish_datagouv from ``qgis_process.bin``, each on its own and chained in the graphical
model tests/models/publish_citizen_reports.model3 (anonymised_export → export_to_schema → publish_datagouv),
against the local replay of the data.gouv.fr write API.

qgis_process runs in its own profile: it reads the API key from a copy of this session's authentication database
(``QGIS_AUTH_DB_DIR_PATH``), unlocked with the master password given in ``QGIS_AUTH_PASSWORD_FILE``, as a server
or a scheduled task would."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from datagouv_write_replay import KEY, DataGouvWriteReplay
from qgis.core import QgsApplication
from qgis_process_helper import QgisProcessError, run_qgis_process
from test_opendata_publish import TEST_MASTER_PASSWORD, key_authcfg, signalements_schema  # noqa: F401

REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / "tests" / "models" / "publish_citizen_reports.model3"
SAMPLE = REPO / "sample_data" / "essonne.gpkg"


@pytest.fixture
def headless(qgis_app, httpserver, key_authcfg, tmp_path):  # noqa: F811
    """``(replay, authcfg, env)``: the replay, an auth configuration holding the key, qgis_process's environment."""
    replay = DataGouvWriteReplay(httpserver)
    authcfg = key_authcfg()
    auth_dir = tmp_path / "auth"
    auth_dir.mkdir()
    shutil.copy(QgsApplication.qgisAuthDatabaseFilePath(), auth_dir / "qgis-auth.db")
    password = tmp_path / "master.txt"
    password.write_text(TEST_MASTER_PASSWORD, encoding="utf-8")
    env = {
        "TERRIDATA_DATAGOUV_URL": httpserver.url_for("/api/1"),
        "TERRIDATA_DATAGOUV_SCHEMA_URL": httpserver.url_for("/schemas"),
        "TERRIDATA_RATE_DATAGOUV": "1000/1",
        "TERRIDATA_MAX_RETRIES": "0",
        "QGIS_AUTH_DB_DIR_PATH": str(auth_dir),
        "QGIS_AUTH_PASSWORD_FILE": str(password),
    }
    return replay, authcfg, env


def test_each_algorithm_from_qgis_process(headless, tmp_path):
    replay, authcfg, env = headless
    grants = tmp_path / "grants.csv"
    grants.write_text(
        "beneficiaire,siret,signee,montant\r\n"
        'Association Les Amis du Parc,38047555800058,05/03/2024,"1500,50"\r\n'
        "Club sportif,22940028800010,2024-06-30,12000\r\n",
        encoding="utf-8",
    )
    mapping = (
        "nomAttribuant='Ville';idAttribuant='23350001600040';dateConvention=signee;nomBeneficiaire=beneficiaire;"
        "idBeneficiaire=siret;objet='Fonctionnement';montant=montant;nature='aide en numéraire';"
        "conditionsVersement='unique';datesPeriodeVersement='2024-07-01';notificationUE='non';"
        "pourcentageSubvention='1'"
    )
    out = {
        "OUTPUT": str(tmp_path / "subventions.csv"),
        "REPORT_JSON": str(tmp_path / "subventions.json"),
        "REPORT_HTML": str(tmp_path / "subventions.html"),
    }
    result = run_qgis_process(
        "terridata:export_to_schema",
        {"INPUT": str(grants), "SCHEMA": "scdl/subventions@2.0.1", "MAPPING": mapping, **out},
        env=env,
    )
    assert result["results"]["VALID"] is True
    with open(out["OUTPUT"], encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["dateConvention"] for r in rows] == ["2024-03-05", "2024-06-30"]
    assert [r["montant"] for r in rows] == ["1500.50", "12000"]
    params = {
        "INPUT": out["OUTPUT"],
        "VALIDATION_REPORT": out["REPORT_JSON"],
        "AUTHCFG": authcfg,
        "ORGANIZATION": "org-evry",
        "TITLE": "Subventions 2024",
        "DESCRIPTION": "Subventions",
        "NO_PERSONAL_DATA": True,
    }
    published = run_qgis_process("terridata:publish_datagouv", params, env=env)
    assert published["results"]["CREATED"] is True
    assert all(e["headers"].get("X-Api-Key") == KEY for e in replay.log)
    assert KEY not in json.dumps(published)
    again = run_qgis_process("terridata:publish_datagouv", params, env=env)
    assert again["results"]["CREATED"] is False and len(replay.datasets) == 1
    (ds,) = replay.datasets.values()
    assert len(ds["resources"]) == 2 and ds["resources"][0]["schema"]["name"] == "scdl/subventions"
    # the privacy gate refuses without the declaration (dates are quasi-identifiers for the detector)
    with pytest.raises(QgisProcessError) as err:
        run_qgis_process("terridata:publish_datagouv", {**params, "NO_PERSONAL_DATA": False}, env=env)
    assert "Privacy gate" in err.value.stdout + err.value.stderr


def test_model_anonymise_export_publish_from_qgis_process(headless, tmp_path):
    replay, authcfg, env = headless
    outputs = {
        "anonymise:RECORDS": str(tmp_path / "anonymised.gpkg"),
        "anonymise:RISK": str(tmp_path / "risk.json"),
        "export:CSV": str(tmp_path / "signalements.csv"),
        "export:VALIDATION": str(tmp_path / "signalements_validation.json"),
    }
    result = run_qgis_process(
        str(MODEL),
        {
            "INPUT": f"{SAMPLE}|layername=citizen_reports",
            "SCHEMA": str(signalements_schema(tmp_path)),
            "AUTHCFG": authcfg,
            "ORGANIZATION": "ville-d-evry",
            "TITLE": "Signalements citoyens",
            **outputs,
        },
        env=env,
    )
    assert Path(result["results"]["export:CSV"]).exists()
    (ds,) = replay.datasets.values()
    assert ds["title"] == "Signalements citoyens" and ds["extras"]["terridata:privacy_gate"] == "anonymised"
    uploaded = {e["files"]["file"][0]: e["files"]["file"][2] for e in replay.log if e["files"]}
    assert uploaded == {
        "signalements.csv": Path(outputs["export:CSV"]).read_bytes(),
        "signalements_validation.json": Path(outputs["export:VALIDATION"]).read_bytes(),
        "risk.json": Path(outputs["anonymise:RISK"]).read_bytes(),
    }
    risk = json.loads(Path(outputs["anonymise:RISK"]).read_text(encoding="utf-8"))
    with open(outputs["export:CSV"], encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == risk["measures"]["records exported"]
