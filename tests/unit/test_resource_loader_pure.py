"""Pure parts of the resource loader (core/tabular): formats, CSV dialect and geometry detection, safe zips."""

from __future__ import annotations

import io
import zipfile

import pytest

from terridata.core.tabular import sniff, zipsafe
from terridata.core.tabular.formats import normalise_format, sniff_format
from terridata.core.tabular.rewrite import rewrite


@pytest.mark.parametrize(
    "declared, url, expected",
    [
        ("CSV", "", "csv"),
        ("csv ", "", "csv"),
        ("text/csv", "", "csv"),
        (".CSV", "", "csv"),
        ("Data", "https://x/y/file.geojson", "geojson"),
        ("Data", "https://x/y/file", "unknown"),
        ("", "https://x/a.zip?download=1", "zip"),
        ("", "", "unknown"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", "xlsx"),
        ("ESRI Shapefile", "", "shp"),
        ("text/csv; charset=utf-8", "", "csv"),
    ],
)
def test_normalise_format(declared, url, expected):
    assert normalise_format(declared, url) == expected


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"", "empty"),
        (b"PK\x03\x04rest", "zip"),
        (b"SQLite format 3\x00", "gpkg"),
        (b"fgb\x03fgb\x00", "fgb"),
        (b'\xef\xbb\xbf{"type": "FeatureCollection", "features": []}', "geojson"),
        (b'{"message": "x"}', "json"),
        (b"<!DOCTYPE html><html>", "html"),
        (b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2">', "kml"),
        (b"a;b\n1;2\n", "text"),
    ],
)
def test_sniff_format(head, expected):
    assert sniff_format(head) == expected


def test_encoding_detection():
    assert sniff.detect_encoding("é;à".encode()) == "utf-8"
    assert sniff.detect_encoding(b"\xef\xbb\xbf" + "é".encode()) == "utf-8-sig"
    assert sniff.detect_encoding("é;à".encode("cp1252")) == "cp1252"
    # a sample cut inside a UTF-8 character is still UTF-8
    assert sniff.detect_encoding("aé".encode()[:-1]) == "utf-8"


@pytest.mark.parametrize("delim", [";", ",", "\t", "|"])
def test_delimiter_detection(delim):
    text = delim.join(["nom", "valeur", "commentaire"]) + "\n"
    text += delim.join(["A", "1,5" if delim != "," else "1.5", '"x, y; z"']) + "\n"
    text += delim.join(["B", "2", "w"]) + "\n"
    assert sniff.detect_dialect(text) == delim


def test_geometry_detection_names_and_decimal_comma():
    spec = sniff.detect_geometry(["Nom", "Latitude", "Longitude"], [["a", "48,85", "2,35"], ["b", "45,1", "5,2"]])
    assert (spec.kind, spec.x, spec.y, spec.crs, spec.decimal_comma, spec.swapped) == (
        "xy",
        "Longitude",
        "Latitude",
        "EPSG:4326",
        True,
        False,
    )
    swapped = sniff.detect_geometry(["lat", "lon"], [["2.35", "48.85"], ["5.2", "45.1"]])
    assert swapped.swapped
    pair = sniff.detect_geometry(["nom", "geo_point_2d"], [["a", "48.11, -1.68"]])
    assert (pair.kind, pair.column, pair.swapped) == ("pair", "geo_point_2d", False)
    l93 = sniff.detect_geometry(["X", "Y"], [["652000", "6862000"], ["700000,5", "6600000"]])
    assert (l93.kind, l93.crs, l93.decimal_comma) == ("xy", "EPSG:2154", True)
    wkt = sniff.detect_geometry(
        ["id", "geometry"], [["1", "POINT (2 48)"], ["2", "MULTIPOLYGON (((0 0,1 0,1 1,0 0)))"]]
    )
    assert wkt.kind == "wkt"
    gj = sniff.detect_geometry(["geo_shape"], [['{"type": "Point", "coordinates": [2, 48]}']])
    assert gj.kind == "geojson"
    assert sniff.detect_geometry(["a", "b"], [["1", "2"]]).kind == "none"


def test_france_bounds():
    assert sniff.in_france(2.35, 48.85) and sniff.in_france(55.5, -21.1)  # Paris, La Réunion
    assert not sniff.in_france(-30.0, 10.0)
    assert sniff.count_outside_france([(2.35, 48.85), (-30.0, 10.0)]) == 1


def test_rewrite_types_and_decimal_comma(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes("code;pop;taux;nom\n01001;123;1,5;Écu\n75056;2100000;2,25;Paris\n".encode("cp1252"))
    dst = tmp_path / "out.csv"
    result = rewrite(src, dst, sniff.Dialect("cp1252", ";"), sniff.GeometrySpec("none"))
    assert result.types == ["String", "Integer64", "Real", "String"]
    assert dst.read_text(encoding="utf-8").splitlines() == [
        "code,pop,taux,nom",
        "01001,123,1.5,Écu",
        "75056,2100000,2.25,Paris",
    ]


def test_rewrite_sees_every_row_for_types(tmp_path):
    src = tmp_path / "in.csv"
    rows = "\n".join(f"{i};{i}" for i in range(5000))
    src.write_text(f"a;b\n{rows}\n5001;n/a\n", encoding="utf-8")
    result = rewrite(src, tmp_path / "o.csv", sniff.Dialect("utf-8", ";"), sniff.GeometrySpec("none"))
    assert result.types == ["Integer64", "String"]  # 'n/a' on the last row makes 'b' text
    assert result.rows == 5001


def test_rewrite_empty(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a;b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no data rows"):
        rewrite(src, tmp_path / "o.csv", sniff.Dialect("utf-8", ";"), sniff.GeometrySpec("none"))


# ------------------------------------------------------------------------------------------ zips


def _zip(path, members, compression=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../evil.csv", "/etc/evil.csv", "a/../../evil.csv", "C:/evil.csv"])
def test_zip_slip_refused(tmp_path, name):
    archive = _zip(tmp_path / "a.zip", {name: "x"})
    with pytest.raises(zipsafe.UnsafeArchiveError) as err:
        zipsafe.extract(archive, tmp_path / "out")
    assert err.value.reason == "slip"
    assert not (tmp_path / "evil.csv").exists() and not list(tmp_path.glob("out/**/*.csv"))


def test_zip_bomb_refused_by_ratio_and_size(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", {"zeros.csv": b"0" * (50 * 1024 * 1024)})
    with pytest.raises(zipsafe.UnsafeArchiveError, match="expands .* times") as err:
        zipsafe.extract(archive, tmp_path / "out")
    assert err.value.reason == "bomb"
    with pytest.raises(zipsafe.UnsafeArchiveError, match="more than 10 MB"):
        zipsafe.extract(archive, tmp_path / "out", max_expanded=10 * 1024 * 1024, max_ratio=1e9)
    assert not list((tmp_path / "out").glob("*")) if (tmp_path / "out").exists() else True


def test_zip_bomb_with_lying_sizes_stopped_while_extracting(tmp_path):
    archive = _zip(tmp_path / "bomb.zip", {"zeros.csv": b"0" * (8 * 1024 * 1024)})
    data = bytearray(archive.read_bytes())
    # declare a tiny uncompressed size in the central directory: the cap must still hold while extracting
    pos = data.find(b"PK\x01\x02")
    data[pos + 24 : pos + 28] = (1024).to_bytes(4, "little")
    archive.write_bytes(bytes(data))
    with pytest.raises(zipsafe.UnsafeArchiveError) as err:
        zipsafe.extract(archive, tmp_path / "out", max_expanded=2 * 1024 * 1024)
    assert err.value.reason in ("bomb", "corrupt")


def test_non_ascii_names_kept(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        info = zipfile.ZipInfo("communes_Île-de-France.csv")
        z.writestr(info, "a;b\n1;2\n")
    (tmp_path / "n.zip").write_bytes(buf.getvalue())
    paths = zipsafe.extract(tmp_path / "n.zip", tmp_path / "out")
    assert [p.name for p in paths] == ["communes_Île-de-France.csv"]


def test_cp437_utf8_names_without_flag_recovered(tmp_path):
    # a Windows tool wrote the UTF-8 bytes of the name without setting the UTF-8 flag
    real = "données.csv".encode()
    placeholder = b"donnXXes.csv"
    assert len(real) == len(placeholder)
    archive = _zip(tmp_path / "w.zip", {placeholder.decode(): "a\n1\n"})
    archive.write_bytes(archive.read_bytes().replace(placeholder, real))
    assert [m.name for m in zipsafe.list_members(archive)] == ["données.csv"]


def test_encrypted_member_refused(tmp_path):
    archive = _zip(tmp_path / "e.zip", {"a.csv": "a\n1\n"})
    data = bytearray(archive.read_bytes())
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        data[pos + offset] |= 0x1
    archive.write_bytes(bytes(data))
    with pytest.raises(zipsafe.UnsafeArchiveError, match="encrypted") as err:
        zipsafe.list_members(archive)
    assert err.value.reason == "encrypted"


def test_not_a_zip(tmp_path):
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(zipsafe.UnsafeArchiveError) as err:
        zipsafe.list_members(tmp_path / "x.zip")
    assert err.value.reason == "corrupt"
