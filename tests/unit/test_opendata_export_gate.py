"""The CSV a schema wants (mapping, value formats) and the privacy gate, without QGIS."""

import csv
import datetime as dt
import io
import sqlite3
from pathlib import Path

import pytest

from terridata.core.opendata import export_format as fmt
from terridata.core.opendata.privacy_gate import ANONYMISED, DECLARED, NOTHING_FOUND, decide
from terridata.core.opendata.publication import ResourceSpec, coverage, find_resource, multipart

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "essonne.gpkg"
FIELDS = [
    {"name": "nom", "type": "string", "constraints": {"required": True}},
    {"name": "date_instal", "type": "date"},
    {"name": "acc_lib", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
    {"name": "gratuit", "type": "boolean"},
    {"name": "montant", "type": "number"},
    {"name": "places", "type": "integer"},
    {"name": "lat_coor1", "type": "number"},
    {"name": "long_coor1", "type": "number"},
    {"name": "COLL_NOM", "type": "string"},
]


def test_mapping_parsed_with_constants_and_quoted_semicolons():
    mapping = fmt.parse_mapping("nom=NAME; COLL_NOM='Ville d''Évry; Essonne';lat_coor1=@lat;montant=")
    assert mapping == {"nom": "NAME", "COLL_NOM": "'Ville d''Évry; Essonne'", "lat_coor1": "@lat", "montant": ""}
    assert fmt.constant_value(mapping["COLL_NOM"]) == "Ville d'Évry; Essonne"
    with pytest.raises(fmt.MappingError, match="mapped twice"):
        fmt.parse_mapping("nom=a;nom=b")
    with pytest.raises(fmt.MappingError, match="schema_field=layer_field"):
        fmt.parse_mapping("nom")


def test_proposed_mapping_by_name_then_loosely_then_coordinates():
    proposed = fmt.propose_mapping(FIELDS, ["NOM", "Date_Instal", "gratuit", "other"], has_geometry=True)
    assert proposed["nom"] == "NOM"
    assert proposed["date_instal"] == "Date_Instal"
    assert proposed["gratuit"] == "gratuit"
    assert proposed["lat_coor1"] == "@lat" and proposed["long_coor1"] == "@lon"
    assert proposed["montant"] == ""
    assert fmt.propose_mapping(FIELDS, [], has_geometry=False)["lat_coor1"] == ""


def test_resolved_mapping_refuses_an_empty_required_field_and_unknown_names():
    proposed = fmt.propose_mapping(FIELDS, ["x"], has_geometry=False)
    with pytest.raises(fmt.MappingError, match="required fields .*nom"):
        fmt.resolve_mapping(FIELDS, ["x"], {}, proposed)
    with pytest.raises(fmt.MappingError, match="not fields of the schema: nope"):
        fmt.resolve_mapping(FIELDS, ["x"], {"nope": "x"}, proposed)
    with pytest.raises(fmt.MappingError, match="not fields of the layer: nom=y"):
        fmt.resolve_mapping(FIELDS, ["x"], {"nom": "y"}, proposed)
    assert fmt.resolve_mapping(FIELDS, ["x"], {"nom": "x"}, proposed)["nom"] == "x"


@pytest.mark.parametrize(
    "value,field,expected",
    [
        (dt.date(2024, 3, 5), "date_instal", "2024-03-05"),
        (dt.datetime(2024, 3, 5, 10, 0), "date_instal", "2024-03-05"),
        ("05/03/2024", "date_instal", "2024-03-05"),
        ("2024-3-5", "date_instal", "2024-03-05"),
        (True, "acc_lib", "oui"),
        ("Non", "acc_lib", "non"),
        (1, "gratuit", "true"),
        ("12,5", "montant", "12.5"),
        (12.25, "montant", "12.25"),
        (3.0, "places", "3"),
        ("abc", "montant", "abc"),  # not convertible: written as it came, the validation names it
        (None, "nom", ""),
        (float("nan"), "montant", ""),
    ],
)
def test_values_formatted_as_the_schema_wants(value, field, expected):
    spec = next(f for f in FIELDS if f["name"] == field)
    assert fmt.format_value(value, spec) == expected


def test_rows_and_csv_text():
    mapping = {"nom": "NAME", "COLL_NOM": "'Ville, Essonne'", "lat_coor1": "@lat", "long_coor1": "@lon"}
    records = [{"NAME": 'Salle "A"'}, {"NAME": "B"}]
    geometry = [fmt.geometry_values(2.4412345678, 48.6298765432, None), {}]
    rows = fmt.build_rows(FIELDS, mapping, records, geometry)
    assert rows[0][FIELDS.index(FIELDS[6])] == "48.6298765"
    text = fmt.csv_text([f["name"] for f in FIELDS], rows)
    assert text.startswith("nom,date_instal,acc_lib,gratuit,montant,places,lat_coor1,long_coor1,COLL_NOM\r\n")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[1][0] == 'Salle "A"' and parsed[1][-1] == "Ville, Essonne" and parsed[2][6] == ""


def sample_reports() -> dict:
    with sqlite3.connect(SAMPLE) as db:
        cursor = db.execute("select * from citizen_reports")
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    return {n: [r[i] for r in rows] for i, n in enumerate(names) if n not in ("fid", "geom")}


def test_raw_citizen_reports_are_refused():
    columns = sample_reports()
    decision = decide(columns)
    assert not decision.allowed
    for name in ("declarant_name", "declarant_email", "declarant_phone", "address", "description"):
        assert name in decision.direct
    assert "declarant_age" in decision.quasi and "commune" in decision.quasi
    # a risk report does not make raw data publishable
    report = good_report(len(columns["category"]))
    assert not decide(columns, report).allowed


def good_report(n: int, **changes) -> dict:
    report = {
        "algorithm": "anonymised_export",
        "exported": True,
        "method": "anonymisation",
        "measures": {"k achieved (smallest group)": 12, "records exported": n},
        "generalisation": {"declarant_age": "10-year bands", "location": "2 km"},
    }
    report.update(changes)
    return report


def test_gate_accepts_an_anonymised_table_only_with_a_matching_report():
    columns = {
        "category": ["voirie"] * 30,
        "declarant_age": ["30-39"] * 30,
        "commune": ["91228"] * 30,
        "cell_id": ["CRS3035RES2000mN2000E3000"] * 30,
    }
    assert not decide(columns).allowed
    assert decide(columns, good_report(30)).basis == ANONYMISED
    assert not decide(columns, good_report(30), min_k=13).allowed  # k achieved 12 < 13
    assert not decide(columns, good_report(29)).allowed  # not this table
    assert not decide(columns, good_report(30, method="pseudonymisation")).allowed
    assert not decide(columns, good_report(30, algorithm="secret_statistique")).allowed
    assert not decide(columns, good_report(30, exported=False)).allowed
    refused = decide(dict(columns, contact=["a@b.fr"] * 30), good_report(30))
    assert not refused.allowed and "contact" in " ".join(refused.reasons)


def test_gate_declaration_and_tables_without_personal_data():
    facilities = {"EQUIP_NOM": ["Mairie"], "EQUIP_EMAIL": ["mairie@ville.fr"]}
    assert not decide(facilities).allowed
    declared = decide(facilities, declared_no_personal_data=True)
    assert declared.allowed and declared.basis == DECLARED
    assert declared.metadata()["terridata:personal_data"].startswith("none (declared")
    assert decide({"montant": [1.5, 2.0], "nature": ["aide en nature"] * 2}).basis == NOTHING_FOUND


def test_coverage_zones_and_granularity():
    kinds = {"91228": "commune", "91": "departement", "11": "region"}
    zones, granularity = coverage(["91228", " 91 "], kinds.get)
    assert zones == ["fr:commune:91228", "fr:departement:91"] and granularity == "fr:commune"
    with pytest.raises(ValueError, match="99999"):
        coverage(["99999"], kinds.get)


def test_multipart_body_and_resource_matching():
    body, ctype = multipart("file", 'a"b.csv', b"x,y\r\n1,2\r\n", "text/csv", boundary="BOUNDARY")
    assert ctype == "multipart/form-data; boundary=BOUNDARY"
    assert body == (
        b'--BOUNDARY\r\nContent-Disposition: form-data; name="file"; filename="a_b.csv"\r\n'
        b"Content-Type: text/csv\r\n\r\nx,y\r\n1,2\r\n\r\n--BOUNDARY--\r\n"
    )
    resources = [
        {"id": "r1", "title": "Other", "url": "https://static.data.gouv.fr/x/equipements.csv"},
        {"id": "r2", "title": "Équipements", "url": "https://static.data.gouv.fr/x/zzz.csv"},
    ]
    assert find_resource(resources, ResourceSpec("/tmp/equipements.csv", "Équipements"))["id"] == "r2"
    assert find_resource(resources, ResourceSpec("/tmp/equipements.csv", "New title"))["id"] == "r1"
    assert find_resource(resources, ResourceSpec("/tmp/new.csv", "New title")) is None
    stored = [
        {"id": "r3", "title": "x", "url": "https://static.data.gouv.fr/resources/s/20240305/subventions-2024.csv"}
    ]
    assert find_resource(stored, ResourceSpec("/tmp/Subventions_2024.csv", "y"))["id"] == "r3"
