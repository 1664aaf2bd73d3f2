"""Golden checks of the quality report and of the privacy risk report in French (issue 13).

QGIS runs in French (the ``french`` fixture). Every section title and message of the HTML reports is French, the
numbers shown to people are written the French way (decimal comma, narrow no-break space between thousands: "66,7
%", "1 200"), and the JSON reports keep their machine fields, English messages and plain JSON numbers. Expected
figures are computed here from the fixture (french_reports.py) or read from the outputs, not taken from the code.
"""

from __future__ import annotations

import json

from french_check import english_words, html_text
from french_reports import NAMED_ROWS, QUALITY_ROWS, run_quality_report, run_risk_report
from qgis.core import QgsVectorLayer

NNBSP = "\u202f"


def french_number(value, spec: str) -> str:
    return format(value, spec).replace(",", "\x00").replace(".", ",").replace("\x00", NNBSP)


def test_quality_report_in_french(french, qgis_processing, terridata_provider, tmp_path):
    out = run_quality_report(tmp_path)
    page = out["html"]
    missing = QUALITY_ROWS - NAMED_ROWS
    share = 100.0 * NAMED_ROWS / QUALITY_ROWS
    assert "<html lang='fr'>" in page
    for title in ("<h2>Résumé</h2>", "<h2>Contrôles en détail</h2>", "Des problèmes bloquants ont été trouvés"):
        assert title in page, title
    assert f"Entités / lignes contrôlées<b>1{NNBSP}200</b>" in page
    assert "<th>Contrôle</th><th>Élément ISO 19157</th><th>Résultat</th>" in page
    completeness = (
        f"Le champ « nom » est complet à {french_number(share, '.1f')} %, sous le seuil de 80 % : "
        f"{missing} valeurs sur 1{NNBSP}200 manquent. Complétez-les ou abaissez le seuil."
    )
    assert completeness == (
        "Le champ « nom » est complet à 66,7 %, sous le seuil de 80 % : 400 valeurs sur 1\u202f200 manquent. "
        "Complétez-les ou abaissez le seuil."
    )
    assert completeness in page
    assert f"66,7 % des valeurs de « nom » sont renseignées (400 manquantes sur 1{NNBSP}200) ; seuil de 80 %" in page
    assert "La valeur 250,5 de « pop » dépasse la limite haute" in page and "facteur 1,5)" in page
    assert "« 1001 » dans « com » n’est pas écrit comme l’INSEE écrit les codes commune : écrivez-le « 01001 »" in page
    assert "Commune 96001 (« com ») : ce code n’existe ni dans le COG 2024" in page  # a year, not a number
    assert "La date 2999-01-01 de « jour » est postérieure à la date de référence 2025-01-01" in page
    assert "exhaustivité / omission" in page and "cohérence logique / cohérence du format" in page
    assert "<td class='error'>erreur</td>" in page and "<td class='warning'>avertissement</td>" in page
    assert english_words(html_text(page)) == []
    # The problems layer: messages for people, in French too.
    messages = [message for check, message in out["layer_messages"] if check == "completeness:nom"]
    assert completeness in messages and "Valeur manquante dans « nom »" in messages

    # The JSON report: a stable record (machine fields, English messages, JSON numbers).
    raw = out["json"]
    assert NNBSP not in raw
    report = json.loads(raw)
    assert report["stats"]["rows"] == QUALITY_ROWS and isinstance(report["stats"]["rows"], int)
    check = next(c for c in report["checks"] if c["id"] == "completeness:nom")
    assert check["iso19157"] == "completeness / omission" and check["status"] == "failed"
    assert abs(check["summary"]["completeness_percent"] - share) < 1e-3
    error = next(e for e in report["errors"] if e["type"] == "completeness-below-threshold")
    assert error["severity"] == "error"
    assert error["message"] == (
        "Field 'nom' is 66.7 % complete, below the threshold of 80 %: 400 of 1,200 values are missing. "
        "Fill them in or lower the threshold."
    )


def test_risk_report_in_french(french, qgis_processing, terridata_provider, tmp_path):
    records = 1500
    out = run_risk_report(tmp_path, records)
    page = out["html"]
    exported = QgsVectorLayer(out["result"]["OUTPUT"], "exported", "ogr").featureCount()
    assert 0 < exported <= records
    assert '<html lang="fr">' in page
    for title in (
        "<h2>Évaluation (critères de l’avis 05/2014 du G29)</h2>",
        "<h2>Mesures de protection atteintes</h2>",
        "<h2>Perte d’information</h2>",
        "<h2>Niveaux de généralisation</h2>",
        "<h2>Champs</h2>",
        "<h2>Paramètres</h2>",
        "Exporté (anonymisation).",
        "<th>Individualisation</th>",
        "<th>Corrélation</th>",
        "<th>Inférence</th>",
    ):
        assert title in page, title
    assert f"<th>enregistrements en entrée</th><td>1{NNBSP}500</td>" in page
    assert f"<th>enregistrements exportés</th><td>{french_number(exported, ',')}</td>" in page
    assert f"<th>enregistrements supprimés</th><td>{french_number(records - exported, ',')}</td>" in page
    kept = french_number(exported / records, ",.4g")
    assert "," in kept and f"<th>part des enregistrements conservés</th><td>{kept}</td>" in page
    assert "Règles : secret statistique de l’INSEE" in page
    assert english_words(html_text(page)) == []

    raw = out["json"]
    assert NNBSP not in raw
    report = json.loads(raw)
    assert report["status"] == "exported" and report["method"] == "anonymisation"
    assert report["measures"]["records in input"] == records
    assert report["measures"]["records exported"] == exported
    assert report["information_loss"]["share of records kept"] == exported / records
    assert {c["criterion"] for c in report["criteria"]} == {"singling_out", "linkability", "inference"}
