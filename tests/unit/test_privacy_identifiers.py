"""Identifier detection and redaction (pure Python, no QGIS)."""

import hashlib
import hmac
import sys
from pathlib import Path

import pytest

from terridata.core.privacy.identifiers import find_identifiers, iban_ok, propose_declaration, redact
from terridata.core.privacy.pseudonym import pseudonymise

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures" / "privacy"))
from citizen_reports import make_reports  # noqa: E402


def nir(body: str) -> str:
    num = int(body.replace("2A", "19").replace("2B", "18"))
    return f"{body}{97 - num % 97:02d}"


def kinds(text, names=()):
    return [k for k, _, _ in find_identifiers(text, names)]


def test_nir_needs_a_right_key_including_corsica():
    good = nir("1840375123456")
    bad = good[:-2] + f"{(int(good[-2:]) + 1) % 97:02d}"
    assert kinds(f"NIR {good} ok") == ["nir"]
    assert "nir" not in kinds(f"NIR {bad} ok")
    corsica = nir("285022A004012")
    assert kinds(corsica) == ["nir"]
    spaced = f"{good[0]} {good[1:3]} {good[3:5]} {good[5:7]} {good[7:10]} {good[10:13]} {good[13:]}"
    assert kinds(spaced) == ["nir"]


def test_iban_mod97_and_email_phone_address():
    assert iban_ok("FR7630006000011234567890189")
    assert not iban_ok("FR7630006000011234567890188")
    assert kinds("payer sur FR76 3000 6000 0112 3456 7890 189 merci") == ["iban"]
    assert kinds("payer sur FR76 3000 6000 0112 3456 7890 188 merci") == []
    assert kinds("écrire à jean.dupont+x@mairie-rennes.fr svp") == ["email"]
    for phone in ("06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "01.23.45.67.89", "+33 (0)1 23 45 67 89"):
        assert kinds(f"appeler le {phone} demain") == ["phone"], phone
    assert kinds("appeler le 12 34 demain") == []
    assert kinds("habite au 12 bis rue de la Paix à Rennes") == ["address"]
    assert kinds("habite au 12 rue") == []


def test_names_by_title_and_by_known_values_then_redaction():
    text = "Signalé par M. Lebrun, voisin de Camille Moreau, tel 06 11 22 33 44, camille@example.org"
    assert kinds(text, ["Moreau"]) == ["name", "name", "phone", "email"]
    clean = redact(text, ["Moreau"])
    for secret in ("Lebrun", "Moreau", "06 11 22 33 44", "camille@example.org"):
        assert secret not in clean
    assert clean.startswith("Signalé par [redacted]")
    assert redact(None) is None


def test_proposed_declaration_on_synthetic_citizen_reports():
    records = make_reports(300, seed=3)
    columns = {name: [r[name] for r in records] for name in records[0]}
    columns["id"] = list(range(300))
    proposal = propose_declaration(columns)
    roles = {name: p.role for name, p in proposal.items()}
    assert roles["nom"] == roles["prenom"] == roles["email"] == roles["telephone"] == "direct"
    assert roles["id"] == "direct"  # a record id links back to the source
    assert roles["description"] == "free_text"
    assert {"nir", "iban", "email", "phone", "address", "name"} <= set(proposal["description"].kinds)
    assert roles["date"] == roles["code_commune"] == "quasi"
    assert roles["category"] == "other"
    # e-mails found by values when the field name does not say so
    proposal = propose_declaration({"contact": ["a.b@x.fr", "c@d.org", "e.f@g.com"]})
    assert proposal["contact"].role == "direct" and proposal["contact"].kinds == ["email"]


def test_pseudonyms_are_keyed_hmac_and_keys_are_checked():
    key = "0123456789abcdef-key"
    out = pseudonymise(["Dupont ", "dupont", None, ""], key)
    expected = hmac.new(key.encode(), b"dupont", hashlib.sha256).hexdigest()[:32]
    assert out == [expected, expected, None, None]
    assert pseudonymise(["dupont"], key + "x")[0] != expected
    with pytest.raises(ValueError, match="at least 16"):
        pseudonymise(["x"], "short")


def test_declaration_of_prefixed_field_names_and_typed_dates():
    import datetime

    columns = {
        "declarant_name": ["Jade Petit", "Zoé Bertrand", "Sarah Durand"],
        "declarant_age": [87, 69, 41],
        "reported_on": [datetime.date(2026, 3, 2), datetime.date(2025, 11, 22), None],
        "opened": ["2026-03-02T10:00:00", "2025-11-22", "09/06/2025"],
        "nom_commune": ["Évry-Courcouronnes", "Massy", "Palaiseau"],
        "status": ["résolu", "en cours", "résolu"],
        "report_id": [1, 2, 3],
    }
    proposal = propose_declaration(columns)
    assert proposal["declarant_name"].role == "direct" and proposal["declarant_name"].kinds == ["name"]
    assert (proposal["declarant_age"].role, proposal["declarant_age"].kinds) == ("quasi", ["age"])
    assert (proposal["reported_on"].role, proposal["reported_on"].kinds) == ("quasi", ["date"])
    assert proposal["opened"].kinds == ["date"]
    assert proposal["nom_commune"].role != "direct"  # the name of a place, not of a person
    assert proposal["status"].role == "other" and proposal["report_id"].role == "direct"
