"""The column-wise spool and the GeoPackage bulk writer on awkward pages: texts with quotes and NUL characters,
constant and varying columns, pages given as rows or as columns. Values read back through OGR are compared with
the rows given (the expected values are the inputs themselves, formatted by ``datetime``)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from osgeo import ogr

from terridata.processing.algorithms._sensors_common import Spool
from terridata.processing.algorithms._sensors_gpkg import ROWS_PER_INSERT, write_gpkg
from terridata.providers.sensors.records import OBSERVATION_FIELDS, ColumnRows

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class _Feedback:
    def isCanceled(self):  # noqa: N802
        return False

    def setProgress(self, value):  # noqa: N802
        pass


def _pages():
    day = 1_709_164_800_000  # 2024-02-29
    size = 2 * ROWS_PER_INSERT + 7  # whole statements and a remainder
    columns = [["7"] * size, ["1"] * size, ["O'Brien ''quoted'' -- ;"] * size, ["NO2"] * size,
               [day + 1000 * i for i in range(size)], None, [i / 8 - 3 for i in range(size)], [None] * size,
               ["µg/m³"] * size, [None if i % 3 else "q'1" for i in range(size)]]  # fmt: skip
    columns[5] = columns[4]
    rows = [("8", "2", "nul\x00name", "O3", day - 1, day + 5, None, "text", "", None),
            ("9", "2", "b", "O3", day, day, 1.0, None, "u", "ok"),
            ("10", "2", "b" * 300, "O3", None, None, 2.5, None, "u", None)]  # fmt: skip
    long_texts = ColumnRows([[v] * 3 for v in ("11", "3", "x" * 300, "O3")]
                            + [[1, 2, 3], [1, 2, 3], [0.5] * 3, [None] * 3, ["u" * 250] * 3, [None] * 3])  # fmt: skip
    return [ColumnRows(columns), rows, ColumnRows([[c[0]] for c in columns]), long_texts]


def _text(ms):
    if ms is None:
        return None
    return (EPOCH + timedelta(milliseconds=ms)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_spool_gives_back_the_rows_it_was_given():
    pages = _pages()
    with Spool() as spool:
        for page in pages:
            spool.add(page)
        assert spool.count == sum(len(p) for p in pages)
        assert [list(p) for p in spool.pages()] == [list(p) for p in pages]
        stored = list(spool.column_pages())
        assert stored[0][5] is stored[0][4]  # the end of an instant is its start, stored once
        assert stored[1][4] is not stored[1][5] and stored[1][4] == [p[4] for p in pages[1]]


def test_bulk_writer_writes_each_value_given(tmp_path):
    pages = _pages()
    expected = [row for page in pages for row in page]
    with Spool() as spool:
        for page in pages:
            spool.add(page)
        target = tmp_path / "obs.gpkg"
        points = {"7": (2.35, 48.85), "8": None, "9": (-1.5, 43.25), "10": (-1.5, 43.25), "11": (5.0, 45.0)}
        source = write_gpkg(target, OBSERVATION_FIELDS, spool.column_pages(), points, 0, _Feedback(), spool.count)
    assert source == f"{target}|layername=obs"
    dataset = ogr.Open(str(target))
    layer = dataset.GetLayerByName("obs")
    assert layer.GetFeatureCount() == len(expected)
    geometries = []
    for feature in layer:
        geometry = feature.GetGeometryRef()
        geometries.append(None if geometry is None else (geometry.GetX(), geometry.GetY()))
    dataset = None
    assert geometries == [points[row[0]] for row in expected]
    # the values as stored (OGR would cut a text at a NUL character)
    names = ", ".join(name for name, _ in OBSERVATION_FIELDS)
    connection = sqlite3.connect(str(target))
    stored = connection.execute(f"SELECT {names} FROM obs ORDER BY fid").fetchall()
    connection.close()
    assert stored == [row[:4] + (_text(row[4]), _text(row[5])) + row[6:] for row in expected]
