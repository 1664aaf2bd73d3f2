"""Time buckets in Europe/Paris across the daylight-saving changes (last Sundays of March and October)."""

import datetime as dt

import numpy as np
import pytest

from terridata.core.aggregation.timebuckets import bucket_bounds, local_iso, parse_timestamps

UTC = dt.timezone.utc


def epoch(text):
    return dt.datetime.fromisoformat(text).timestamp()


def test_hourly_buckets_over_the_march_and_october_changes():
    # Every 10 minutes over the two change days, in UTC.
    for day, expected_hours in (("2024-03-31", 23), ("2024-10-27", 25)):
        paris_midnight = epoch(f"{day}T00:00:00+01:00" if day.endswith("31") else f"{day}T00:00:00+02:00")
        next_midnight = (
            epoch(f"{day}T00:00:00+01:00") + 86400 if day.endswith("27") else epoch("2024-04-01T00:00:00+02:00")
        )
        t = np.arange(paris_midnight, next_midnight, 600.0)
        start, end = bucket_bounds(t, "hour")
        assert len(np.unique(start)) == expected_hours
        assert np.all(end - start == 3600)
        day_start, day_end = bucket_bounds(t, "day")
        assert np.unique(day_start).tolist() == [paris_midnight]
        assert (day_end - day_start)[0] == expected_hours * 3600


def test_the_repeated_october_hour_gives_two_buckets():
    first = epoch("2024-10-27T02:30:00+02:00")
    second = epoch("2024-10-27T02:30:00+01:00")
    start, _ = bucket_bounds([first, second], "hour")
    assert start[1] - start[0] == 3600
    assert local_iso(start) == ["2024-10-27T02:00:00+02:00", "2024-10-27T02:00:00+01:00"]


def test_quarter_hours_weeks_and_months():
    t = [epoch("2024-03-31T01:59:59+01:00"), epoch("2024-03-31T03:00:00+02:00"), epoch("2024-03-31T03:14:00+02:00")]
    start, end = bucket_bounds(t, "15min")
    assert local_iso(start) == ["2024-03-31T01:45:00+01:00", "2024-03-31T03:00:00+02:00", "2024-03-31T03:00:00+02:00"]
    # ISO weeks start on Monday at local midnight; the week of the March change lasts 167 hours.
    start, end = bucket_bounds([epoch("2024-03-31T12:00:00+02:00")], "week")
    assert local_iso(start) == ["2024-03-25T00:00:00+01:00"] and local_iso(end) == ["2024-04-01T00:00:00+02:00"]
    assert end[0] - start[0] == 167 * 3600
    # Sunday 23:30 local (21:30 UTC) belongs to the week that ends at midnight, not to the next one.
    start, _ = bucket_bounds([epoch("2024-06-30T23:30:00+02:00")], "week")
    assert local_iso(start) == ["2024-06-24T00:00:00+02:00"]
    start, end = bucket_bounds([epoch("2024-10-31T23:30:00+01:00"), epoch("2024-02-29T12:00:00+01:00")], "month")
    assert local_iso(start) == ["2024-10-01T00:00:00+02:00", "2024-02-01T00:00:00+01:00"]
    assert local_iso(end) == ["2024-11-01T00:00:00+01:00", "2024-03-01T00:00:00+01:00"]
    with pytest.raises(ValueError, match="Unknown time bucket"):
        bucket_bounds(t, "year")


def test_parse_timestamps():
    values = [
        "2024-03-31T02:30:00",  # skipped local time: moved forward to 03:30 CEST (01:30 UTC)
        "2024-10-27T02:30:00",  # repeated: the first (summer) occurrence
        "2024-01-15T12:00:00Z",
        "2024-01-15T12:00:00+01:00",
        dt.datetime(2024, 7, 1, 12, 0),
        "",
        None,
        "not a date",
    ]
    out = parse_timestamps(values)
    assert out[0] == epoch("2024-03-31T01:30:00+00:00")
    assert out[1] == epoch("2024-10-27T00:30:00+00:00")
    assert out[2] == epoch("2024-01-15T12:00:00+00:00")
    assert out[3] == epoch("2024-01-15T11:00:00+00:00")
    assert out[4] == epoch("2024-07-01T10:00:00+00:00")
    assert np.isnan(out[5:]).all()
