"""core.territory_crs: the part of France (and its official CRS) of a code or a location, checked on the real
communes of ../shared/data (every département, overseas included)."""

import csv
import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from terridata.core import territory_crs as tc

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
# Official CRS per département, from IGN's table "Systèmes de Référence de Coordonnées usités en France" (written
# here independently of the module's table).
OFFICIAL = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471, "975": 4467, "977": 5490, "978": 5490}


def _expected_epsg(dep: str) -> int:
    return OFFICIAL.get(dep, 2154)


def _communes():
    path = DATA / "insee-communes-cog2024.csv.gz"
    if not path.exists():
        pytest.skip("../shared/data is not available")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_commune_code_and_location_gives_its_departements_crs():
    rows = _communes()
    deps = set()
    for row in rows:
        code = row["insee_com"]
        # delegated communes and arrondissements have no département column: the code's prefix says it
        dep = row["insee_dep"] or (code[:3] if code.startswith("97") else code[:2])
        deps.add(dep)
        by_code = tc.part_of_code(code, "commune")
        assert by_code is not None and by_code.epsg == _expected_epsg(dep), code
        assert tc.part_of_code(code).epsg == by_code.epsg  # level guessed from the length
        assert tc.part_of_code(dep, "departement").epsg == by_code.epsg
        if row["insee_reg"]:
            assert tc.part_of_code(row["insee_reg"], "region").epsg == by_code.epsg
        if row["lat"] and row["lng"]:
            at = tc.part_of_location(float(row["lng"]), float(row["lat"]))
            assert at is not None and at.epsg == by_code.epsg, (row["insee_com"], row["lng"], row["lat"])
    # the loop covered every département, the five DROM included
    assert {"971", "972", "973", "974", "976", "2A", "2B"} <= deps and len(deps) == 101


def test_every_vertex_of_every_commune_boundary_lies_in_its_part():
    files = sorted((DATA / "communes-2018").glob("communes-*.geojson.gz"))
    if not files:
        pytest.skip("../shared/data is not available")
    seen = set()
    for path in files:
        dep = path.name.split("-")[1]
        seen.add(dep)
        with gzip.open(path, "rt", encoding="utf-8") as f:
            features = json.load(f)["features"]
        coords = []
        for feat in features:
            geom = feat["geometry"]
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            for poly in polys:
                for ring in poly:
                    coords.extend(ring)
        xy = np.asarray(coords, dtype=float)
        index = tc.parts_of_points(xy[:, 0], xy[:, 1])
        assert (index >= 0).all(), f"{path.name}: vertices outside every part"
        got = {tc.PARTS[i].epsg for i in np.unique(index)}
        assert got == {_expected_epsg(dep)}, path.name
        # and the extent of the département meets exactly its part
        parts = tc.parts_of_extent(xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max())
        assert tc.crs_for_parts(parts) == f"EPSG:{_expected_epsg(dep)}", path.name
    assert {"971", "972", "973", "974", "976"} <= seen and len(seen) == 101


def test_collectivities_regions_and_unknown_codes():
    assert tc.part_of_code("97501").epsg == 4467  # Saint-Pierre
    assert tc.part_of_code("97701").epsg == 5490  # Saint-Barthélemy
    assert tc.part_of_code("97801").epsg == 5490  # Saint-Martin
    assert tc.part_of_location(-56.18, 46.78).key == "975"
    assert tc.part_of_location(-62.85, 17.9).key == "977"
    assert tc.part_of_location(-63.08, 18.07).key == "978"
    assert tc.part_of_code("01", "region").key == "971"  # région Guadeloupe, not the département Ain
    assert tc.part_of_code("01", "departement") is tc.METROPOLE
    assert tc.part_of_code("2A004") is tc.METROPOLE and tc.part_of_code("2b") is tc.METROPOLE
    for bad in ("", "00", "20", "96", "98", "985", "99", "1234", "ABCDE", "98735"):
        assert tc.part_of_code(bad) is None, bad
    assert tc.part_of_code("200027548", "epci") is None  # a SIREN code says nothing of its place
    assert tc.part_of_location(-74.0, 40.7) is None  # New York
    assert tc.part_of_location(-61.4, 15.4) is None  # Dominica, between Guadeloupe and Martinique


def test_several_parts_are_kept_in_a_crs_valid_for_all():
    antilles = [tc.BY_KEY["971"], tc.BY_KEY["972"]]
    assert tc.crs_for_parts(antilles) == "EPSG:5490"  # one CRS for both
    assert tc.crs_for_parts([tc.METROPOLE, tc.BY_KEY["974"]]) == "EPSG:4326"
    assert tc.crs_for_parts([tc.METROPOLE, tc.BY_KEY["974"]], fallback="EPSG:3857") == "EPSG:3857"
    assert tc.crs_for_parts([]) == "EPSG:2154"
    world = tc.parts_of_extent(-180, -90, 180, 90)
    assert len(world) == len(tc.PARTS)


def test_boxes_never_overlap():
    for i, a in enumerate(tc.PARTS):
        for b in tc.PARTS[i + 1 :]:
            apart = a.box[2] < b.box[0] or b.box[2] < a.box[0] or a.box[3] < b.box[1] or b.box[3] < a.box[1]
            assert apart, (a.key, b.key)


def test_insee_grids():
    # INSEE grids metropolitan France in EPSG:3035, Martinique and La Réunion in their own CRS, nothing else
    assert {p.key for p in tc.PARTS if p.insee_grid} == {"metropole", "972", "974"}
    assert tc.METROPOLE.grid_epsg == 3035
    assert tc.BY_KEY["972"].grid_epsg == 5490 and tc.BY_KEY["974"].grid_epsg == 2975


def test_every_part_has_its_own_layer_name():
    """split_by_territory names a GeoPackage layer after each part: one name each, plain ASCII, never 'outside'."""
    assert set(tc.LAYER_NAMES) == {p.key for p in tc.PARTS}
    names = list(tc.LAYER_NAMES.values())
    assert len(set(names)) == len(names)
    assert tc.OUTSIDE_LAYER not in names
    assert all(name.isascii() and name.replace("_", "").isalpha() and name.islower() for name in names)
