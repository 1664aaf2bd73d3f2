"""Schema rules of open data publication, against the shipped snapshot of schema.data.gouv.fr schemas.

Every rule gets rows on both sides; which rows must fail is decided here by construction (and the SIRET keys by an
independent Luhn written below), never read from the code's output.
"""

import copy
import json
from pathlib import Path

import pytest

from terridata.core.opendata.identifiers import siren_ok, siret_ok
from terridata.core.opendata.schema_rules import validate

SNAPSHOT = Path(__file__).resolve().parents[2] / "resources" / "schemas"


def snapshot(name: str, version: str) -> dict:
    return json.loads((SNAPSHOT / name / version / "schema.json").read_text(encoding="utf-8"))


def luhn_reference(number: str) -> bool:
    """Luhn written differently from the code: digits at odd positions from the left doubled when the length is even."""
    digits = [int(c) for c in number]
    parity = len(digits) % 2
    total = 0
    for i, d in enumerate(digits):
        if i % 2 == parity:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total % 10 == 0


def with_key(body: str) -> str:
    """``body`` completed with the one last digit that makes the Luhn key right (brute force)."""
    valid = [body + str(d) for d in range(10) if luhn_reference(body + str(d))]
    assert len(valid) == 1
    return valid[0]


# Published examples of the schemas themselves (Val-de-Marne, Région Bretagne, an association)
REAL_SIRETS = ("22940028800010", "23350001600040", "38047555800058")


@pytest.mark.parametrize("siret", REAL_SIRETS)
def test_published_sirets_valid_and_one_changed_digit_invalid(siret):
    assert luhn_reference(siret)
    assert siret_ok(siret)
    changed = siret[:-1] + str((int(siret[-1]) + 1) % 10)
    assert not siret_ok(changed)
    assert not siret_ok(siret[:-1])  # 13 digits
    assert not siret_ok(siret[:5] + "A" + siret[6:])


def test_la_poste_sirets_follow_the_digit_sum_rule():
    body = "356000000"
    # NICs chosen by brute force: one whose digit sum is a multiple of 5 but Luhn fails, one the other way round
    by_sum = next(
        body + f"{n:05d}"
        for n in range(100000)
        if sum(map(int, body + f"{n:05d}")) % 5 == 0 and not luhn_reference(body + f"{n:05d}")
    )
    by_luhn = next(
        body + f"{n:05d}"
        for n in range(100000)
        if luhn_reference(body + f"{n:05d}") and sum(map(int, body + f"{n:05d}")) % 5 != 0
    )
    assert siret_ok(by_sum)
    assert not siret_ok(by_luhn)
    # any other SIREN keeps the Luhn rule
    other = with_key("2294002880001")
    assert siret_ok(other) and not siret_ok(other[:-1] + str((int(other[-1]) + 5) % 10))


def test_siren():
    assert siren_ok("229400288") and luhn_reference("229400288")
    assert not siren_ok("229400289") and not siren_ok("22940028")


SUBVENTION_HEADER = [f["name"] for f in snapshot("scdl/subventions", "2.0.1")["fields"]]
GOOD = {
    "nomAttribuant": "Ville d'Évry-Courcouronnes",
    "idAttribuant": "22940028800010",
    "dateConvention": "2024-03-05",
    "referenceDecision": "DCM-2024-12",
    "nomBeneficiaire": "Association Les Amis du Parc",
    "idBeneficiaire": "38047555800058",
    "objet": "Fête de quartier",
    "montant": "1500.50",
    "nature": "aide en numéraire",
    "conditionsVersement": "unique",
    "datesPeriodeVersement": "2024-04-01",
    "idRAE": "",
    "notificationUE": "non",
    "pourcentageSubvention": "1",
}
#: One broken cell per rule: (field, value, check that must report it, constraint or error type)
BROKEN = [
    ("idAttribuant", "2294002880001", "schema:constraints", "pattern"),
    ("idBeneficiaire", "38047555800059", "opendata:custom", "siret"),
    ("nature", "subvention", "schema:constraints", "enum"),
    ("dateConvention", "05/03/2024", "schema:types", "type-error"),
    ("dateConvention", "2024-3-5", "opendata:formats", "date"),
    ("nomBeneficiaire", "", "schema:required", "required"),
    ("pourcentageSubvention", "0", "schema:constraints", "minimum"),
    ("notificationUE", "true", "opendata:formats", "boolean"),
    ("datesPeriodeVersement", "2024-04-01/2024", "schema:constraints", "pattern"),
    ("objet", "x" * 257, "schema:constraints", "maxLength"),
]


def row_of(values: dict) -> list:
    return [values[name] for name in SUBVENTION_HEADER]


def by_id(checks) -> dict:
    return {c.id: c for c in checks}


def test_valid_grant_passes_every_check():
    checks = validate(SUBVENTION_HEADER, [row_of(GOOD)], snapshot("scdl/subventions", "2.0.1"))
    assert [p.message for c in checks for p in c.problems] == []


@pytest.mark.parametrize("field,value,check,constraint", BROKEN)
def test_each_rule_fails_only_its_row(field, value, check, constraint):
    bad = dict(GOOD, **{field: value})
    rows = [row_of(GOOD), row_of(bad), row_of(GOOD)]
    checks = by_id(validate(SUBVENTION_HEADER, rows, snapshot("scdl/subventions", "2.0.1")))
    problems = [p for c in checks.values() for p in c.problems]
    assert [(p.row, p.field) for p in problems] == [(3, field)]  # reported once; the second data row is row 3
    found = checks[check].problems
    assert found and found[0].field == field
    assert constraint in (found[0].type, found[0].details.get("constraint"))


def dae_rows(codes):
    schema = snapshot("arsante/schema-dae", "1.0.1")
    header = [f["name"] for f in schema["fields"]]
    base = {name: "" for name in header}
    base.update(
        nom="DAE mairie",
        lat_coor1="48.62",
        long_coor1="2.44",
        acc="Intérieur",
        acc_lib="oui",
        disp_j="7j/7",
        disp_h="24h/24",
        tel1="0160000000",
        etat_fonct="En fonctionnement",
        fab_rais="Zoll",
        modele="AED PLUS",
        num_serie="X1",
        dermnt="2025-01-15",
        expt_siren="229400288",
        expt_rais="Ville",
        expt_tel1="+33160000000",
        expt_email="mairie@example.org",
    )
    return schema, header, [[dict(base, com_insee=code)[n] for n in header] for code in codes]


def test_commune_codes_checked_against_the_cog():
    # 91228 is Évry-Courcouronnes; 91182 (Courcouronnes) was merged into it in 2019: right pattern, not a commune
    known = {"91228", "75056"}
    schema, header, rows = dae_rows(["91228", "91182", "75056"])
    checks = by_id(validate(header, rows, schema, commune_ok=known.__contains__))
    assert [(p.row, p.field) for p in checks["opendata:custom"].problems] == [(3, "com_insee")]
    assert not checks["schema:constraints"].problems  # the pattern itself is met
    # without a referential the check is skipped, and said
    checks = by_id(validate(header, rows, schema))
    assert not checks["opendata:custom"].problems and "COG" in checks["opendata:custom"].note


def test_siren_custom_checks_and_email_format():
    schema, header, rows = dae_rows(["91228"])
    rows.append(list(rows[0]))
    rows[1][header.index("expt_siren")] = "229400289"
    rows[1][header.index("expt_email")] = "mairie.example.org"
    checks = by_id(validate(header, rows, schema, commune_ok=lambda c: True))
    assert {(p.row, p.field) for p in checks["opendata:custom"].problems} == {(3, "expt_siren")}
    assert {(p.row, p.field) for p in checks["opendata:formats"].problems} == {(3, "expt_email")}


def test_unique_uri_uuid_and_foreign_keys_on_a_schema_derived_from_the_snapshot():
    schema = copy.deepcopy(snapshot("scdl/equipements", "0.1.1"))
    fields = {f["name"]: f for f in schema["fields"]}
    fields["EQUIP_CODE"]["constraints"]["unique"] = True
    fields["ERP_ID"]["title"] = "Parent facility (EQUIP_UID of this table)"
    schema["foreignKeys"] = [{"fields": "ERP_ID", "reference": {"resource": "", "fields": "EQUIP_UID"}}]
    header = list(fields)
    uids = ["0e1c2d3f-0000-4000-8000-000000000001", "0e1c2d3f-0000-4000-8000-000000000002", "94059-01010401-001"]
    values = []
    for i, uid in enumerate(uids):
        row = {name: "" for name in header}
        row.update(
            COLL_NOM="Ville",
            COLL_SIRET="22940028800010",
            EQUIP_UID=uid,
            EQUIP_THEME="Equipement culturel",
            EQUIP_CODE=f"01010401-00{i}",
            EQUIP_TYPE="Médiathèque",
            EQUIP_NOM="Médiathèque",
            ADR_NUMERO="1",
            ADR_NOMVOIE="Rue de la Paix",
            ADR_CODEPOSTAL="91000",
            ADR_COMMUNE="Evry",
            EQUIP_LAT="48.6",
            EQUIP_LONG="2.4",
            EQUIP_WEB="https://example.org",
        )
        values.append(row)
    values[1]["EQUIP_CODE"] = values[0]["EQUIP_CODE"]  # duplicate
    values[1]["ERP_ID"] = uids[0]  # a parent that exists
    values[2]["ERP_ID"] = "0e1c2d3f-0000-4000-8000-00000000dead"  # a parent that does not
    values[2]["EQUIP_WEB"] = "www.example.org"  # no scheme: not a URI
    rows = [[v[n] for n in header] for v in values]
    checks = by_id(validate(header, rows, schema))
    assert {(p.row, p.field) for p in checks["schema:unique"].problems} == {(3, "EQUIP_CODE")}
    assert {(p.row, p.field) for p in checks["opendata:foreign_keys"].problems} == {(4, "ERP_ID")}
    # the example of the schema itself is not a UUID although the schema says "format": "uuid"
    assert {(p.row, p.field) for p in checks["opendata:formats"].problems} == {(4, "EQUIP_UID"), (4, "EQUIP_WEB")}


DELIB = snapshot("scdl/deliberations", "2.1.3")
DELIB_HEADER = [f["name"] for f in DELIB["fields"]]
GOOD_DELIB = {name: "" for name in DELIB_HEADER}
GOOD_DELIB.update(
    COLL_NOM="Ville de Poitiers",
    COLL_SIRET="21860194600013",
    DELIB_ID="1DL15494",
    DELIB_DATE="2017-10-15",
    DELIB_MATIERE_CODE="8.4",
    DELIB_MATIERE_NOM="domaines de compétences par thèmes/aménagement du territoire",
    DELIB_OBJET="Adhésion à l'association nationale des élus de la montagne",
    BUDGET_ANNEE="2017/2018",
    BUDGET_NOM="Budget principal",
    PREF_DATE="2017-10-20",
    VOTE_EFFECTIF="43",
    VOTE_REEL="40",
    VOTE_POUR="25",
    VOTE_CONTRE="10",
    VOTE_ABSTENTION="5",
)
#: One broken relation per row: (changes, the field reported)
BROKEN_RELATIONS = [
    ({"VOTE_POUR": "26"}, "VOTE_REEL"),  # 26 + 10 + 5 = 41 ≠ 40 (sum-columns-value)
    ({"VOTE_EFFECTIF": "39"}, "VOTE_EFFECTIF"),  # 39 < 40 voters (compare-columns-value)
    ({"PREF_DATE": "2017-10-14"}, "PREF_DATE"),  # registered before it was adopted (compare-columns-value)
    ({"BUDGET_NOM": ""}, "BUDGET_ANNEE"),  # a budget year without its budget (cohesive-columns-value)
    ({"BUDGET_ANNEE": "2018/2017"}, "BUDGET_ANNEE"),  # year-interval-value
]


def test_deliberation_relations_on_both_sides():
    rows = [[GOOD_DELIB[n] for n in DELIB_HEADER]]
    for changes, _ in BROKEN_RELATIONS:
        rows.append([dict(GOOD_DELIB, **changes)[n] for n in DELIB_HEADER])
    # a single budget year is allowed ("allow-year-only"), and an empty vote block is cohesive
    rows.append([dict(GOOD_DELIB, BUDGET_ANNEE="2017", VOTE_EFFECTIF="", VOTE_REEL="", VOTE_POUR="", VOTE_CONTRE="",
                      VOTE_ABSTENTION="")[n] for n in DELIB_HEADER])  # fmt: skip
    checks = by_id(validate(DELIB_HEADER, rows, DELIB))
    problems = [(p.row, p.field) for c in checks.values() for p in c.problems]
    assert sorted(problems) == [(i + 3, field) for i, (_, field) in enumerate(BROKEN_RELATIONS)]
    assert "nomenclature-actes-value" in checks["opendata:relations"].note  # said not applied
