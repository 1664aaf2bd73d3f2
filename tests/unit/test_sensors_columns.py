"""The page-at-once paths of the SensorThings pipeline: vectorised ISO UTC times (checked against ``datetime``),
pages held by column (read like lists of rows), and the column-wise spool (no QGIS application needed for these)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from terridata.providers.sensors import sensorthings_format
from terridata.providers.sensors.iso_times import format_utc_ms, parse_utc_texts
from terridata.providers.sensors.records import ColumnRows, Series, TimeParser

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _random_instants(count: int, seed: int) -> list:
    rng = random.Random(seed)
    low = int((datetime(1, 1, 1, tzinfo=timezone.utc) - EPOCH).total_seconds() * 1000)
    high = int((datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=timezone.utc) - EPOCH).total_seconds() * 1000)
    # the whole calendar, plus leap days and day boundaries around 1970 and 2000
    picks = [rng.randint(low, high) for _ in range(count)]
    picks += [0, -1, 86_400_000 - 1, 951_782_400_000, 951_868_799_999, 4_107_542_399_999, low, high]
    return picks


def _text(ms: int) -> str:
    """The GeoPackage text of an instant, by ``datetime`` (the independent reference)."""
    return (EPOCH + timedelta(milliseconds=ms)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_format_utc_ms_matches_datetime():
    instants = _random_instants(20000, 1)
    assert format_utc_ms(instants) == [_text(ms) for ms in instants]
    assert format_utc_ms([0, None, 1]) == ["1970-01-01T00:00:00.000Z", None, "1970-01-01T00:00:00.001Z"]
    assert format_utc_ms([]) == []


def test_parse_utc_texts_matches_datetime_for_both_canonical_forms():
    instants = _random_instants(20000, 2)
    with_millis = [_text(ms) for ms in instants]
    assert parse_utc_texts(with_millis) == instants
    seconds = [text[:19] + "Z" for text in with_millis]
    assert parse_utc_texts(seconds) == [ms - ms % 1000 for ms in instants]


@pytest.mark.parametrize(
    "texts",
    [
        ["2021-02-29T00:00:00Z"],  # no such day
        ["2024-04-31T00:00:00Z"],
        ["2024-01-01T24:00:00Z"],  # hour 24
        ["2016-12-31T23:59:60Z"],  # leap second
        ["0000-01-01T00:00:00Z"],  # year 0
        ["2024-01-01T00:00:00+01:00"],
        ["2024-01-01 00:00:00Z"],
        ["2024-01-01T00:00:00.5Z"],
        ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00.000Z"],  # two forms in one page
        ["2024-01-01T00:00:00Z", None],
        ["2024-01-01T00:00:00Z", 1704067200000],
        ["2024-01-0aT00:00:00Z"],
        ["2024-01-01T00:00:00Z/2024-01-01T01:00:00Z"],
    ],
)
def test_parse_utc_texts_leaves_anything_else_to_the_value_by_value_parser(texts):
    assert parse_utc_texts(texts) is None


def test_a_page_with_other_forms_gives_the_same_rows_as_the_value_by_value_parser():
    one = Series("5", "1", "St. O'Brien", "NO2", "µg/m³")
    values = [{"phenomenonTime": "2024-02-29T10:00:00Z", "result": 1},
              {"phenomenonTime": "2024-02-29T11:00:00+01:00", "result": -0.0},
              {"phenomenonTime": "2024-02-29T12:00:00Z/2024-02-29T13:00:00Z", "result": "2.5"},
              {"phenomenonTime": None, "result": 3},
              {"phenomenonTime": "2024-02-29T14:00:00.250Z", "result": True, "resultQuality": {"a": 1}}]  # fmt: skip
    rows = sensorthings_format.observation_rows(values, [one], TimeParser())
    general = []
    for v in values:
        general.extend(
            sensorthings_format._rows([one], v["phenomenonTime"], v["result"], v.get("resultQuality"), TimeParser())
        )
    assert rows == general and len(rows) == 4
    hour = 3_600_000
    day = (datetime(2024, 2, 29, tzinfo=timezone.utc) - EPOCH).days * 86_400_000
    assert [r[4:6] for r in rows] == [(day + 10 * hour,) * 2, (day + 10 * hour,) * 2,
                                      (day + 12 * hour, day + 13 * hour), (day + 14 * hour + 250,) * 2]  # fmt: skip


def test_canonical_page_is_held_by_column_and_reads_like_rows():
    one = Series("5", "1", "A", "NO2", "u")
    values = [{"phenomenonTime": f"2024-01-01T00:00:{i:02d}Z", "result": [i, i / 4, None, "x"][i % 4]}
              for i in range(40)]  # fmt: skip
    rows = sensorthings_format.observation_rows(values, [one], TimeParser())
    assert isinstance(rows, ColumnRows) and len(rows) == 40 and rows
    start = (datetime(2024, 1, 1, tzinfo=timezone.utc) - EPOCH).days * 86_400_000
    expected = [("5", "1", "A", "NO2", start + 1000 * i, start + 1000 * i, v, t, "u", None)
                for i, (v, t) in enumerate([(float(i), None), (i / 4, None), (None, None), (None, "x")][i % 4]
                                           for i in range(40))]  # fmt: skip
    assert list(rows) == expected and rows == expected and expected == rows
    assert rows[3] == expected[3] and rows[-1] == expected[-1] and rows[2:5] == expected[2:5]
    assert rows != expected[:-1]


def test_column_rows_of_a_data_array_page():
    one = Series("5", "1", "A", "NO2", "u")
    block = {"components": ["result", "phenomenonTime", "resultQuality"],
             "dataArray": [[i * 1.5, f"2024-01-01T00:00:{i:02d}.{i:03d}Z", "ok" if i % 2 else None]
                           for i in range(30)]}  # fmt: skip
    rows = sensorthings_format.data_array_rows([block], [one], TimeParser())
    reference = TimeParser()
    assert [(r[4], r[6], r[9]) for r in rows] == [
        (reference.ms(item[1]), item[0], item[2]) for item in block["dataArray"]
    ]
