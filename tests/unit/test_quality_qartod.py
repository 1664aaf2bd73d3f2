"""QARTOD tests reproduce flags computed by hand (GOOD 1, UNKNOWN 2, SUSPECT 3, FAIL 4, MISSING 9)."""

import math

import numpy as np
import pytest

from terridata.core.quality.qartod import (
    FAIL,
    GOOD,
    MISSING,
    SUSPECT,
    UNKNOWN,
    aggregate,
    flat_line_test,
    gross_range_test,
    rate_of_change_test,
    run_qc,
    spike_test,
    summary_by_sensor,
)


def test_gross_range_bounds_are_good():
    x = [-10, -10.01, 30, 30.01, 50, 50.01, -40.01, None, math.nan]
    flags = gross_range_test(x, fail_span=[-40, 50], suspect_span=[-10, 30])
    assert flags.tolist() == [GOOD, SUSPECT, GOOD, SUSPECT, SUSPECT, FAIL, FAIL, MISSING, MISSING]
    with pytest.raises(ValueError):
        gross_range_test(x, fail_span=[0, 10], suspect_span=[-5, 5])


def test_spike_hand_computed_and_end_points_unknown():
    # n=1: |5 - (1+1)/2| = 4 ; n=2: |1 - (5+1)/2| = 2 ; n=3: |1 - (1+3.1)/2| = 1.05 ; n=4: |3.1-(1+1)/2| = 2.1
    x = [1, 5, 1, 1, 3.1, 1]
    flags = spike_test(x, suspect_threshold=2, fail_threshold=4)
    assert flags.tolist() == [UNKNOWN, SUSPECT, GOOD, GOOD, SUSPECT, UNKNOWN]
    # strictly above: exactly 2 is GOOD, exactly 4 is SUSPECT not FAIL; 4.01 FAIL
    assert spike_test([0, 4.01, 0], 2, 4).tolist() == [UNKNOWN, FAIL, UNKNOWN]
    # a missing neighbour makes the point UNKNOWN, the missing one MISSING
    assert spike_test([1, 2, None, 2, 1], 0.1, 5).tolist() == [UNKNOWN, UNKNOWN, MISSING, UNKNOWN, UNKNOWN]


def test_rate_of_change_units_per_second():
    t = [0, 10, 20, 30, 40]
    x = [0, 1, 3.0001, 3, None]  # rates: 0.1, 0.20001, 0.00001
    flags = rate_of_change_test(x, t, threshold=0.2)
    assert flags.tolist() == [GOOD, GOOD, SUSPECT, GOOD, MISSING]
    # against the previous non-missing observation, over the elapsed time
    assert rate_of_change_test([0, None, 4], [0, 10, 20], 0.2).tolist() == [GOOD, MISSING, GOOD]
    assert rate_of_change_test([0, None, 4.1], [0, 10, 20], 0.2).tolist() == [GOOD, MISSING, SUSPECT]


def test_flat_line_durations_each_side():
    t = np.arange(0, 8) * 600.0  # every 10 minutes
    x = [5.0, 5.0, 5.001, 5.0, 5.0, 5.0, 5.0, 6.0]
    flags = flat_line_test(x, t, suspect_threshold=1800, fail_threshold=3600, tolerance=0.001)
    # flat since t=0: durations 0, 600, 1200, 1800 (suspect), 2400, 3000, 3600 (fail), then a change
    assert flags.tolist() == [GOOD, GOOD, GOOD, SUSPECT, SUSPECT, SUSPECT, FAIL, GOOD]
    # the tolerance is a bound: 0.0009 under tolerance keeps the run, so does 0.001; 0.0011 breaks it
    tight = flat_line_test(x, t, 1800, 3600, tolerance=0.0009)
    assert tight.tolist() == [GOOD, GOOD, GOOD, GOOD, GOOD, GOOD, SUSPECT, GOOD]  # run restarts at t=1800
    # one second short of each duration
    short = flat_line_test([1, 1, 1], [0, 1799, 3599], 1800, 3600, 0)
    assert short.tolist() == [GOOD, GOOD, SUSPECT]


def test_aggregate_precedence_and_missing():
    a = np.array([GOOD, UNKNOWN, SUSPECT, GOOD, GOOD])
    b = np.array([UNKNOWN, UNKNOWN, FAIL, SUSPECT, GOOD])
    out = aggregate([a, b], [1, 2, 3, 4, None])
    assert out.tolist() == [GOOD, UNKNOWN, FAIL, SUSPECT, MISSING]


def test_run_qc_groups_sorts_and_uses_property_parameters():
    sensors = ["s2", "s1", "s1", "s1", "s2", "s2"]
    times = [20, 20, 0, 10, 0, 10]  # unsorted on purpose
    values = [15.0, 100.0, 1.0, 1.0, 15.0, 99.0]
    props = ["temp", "no2", "no2", "no2", "temp", "temp"]
    params = {
        "temp": {"gross_range": {"fail_span": [-40, 50], "suspect_span": [-10, 35]}},
        "default": {"gross_range": {"fail_span": [0, 500]}, "spike": {"suspect_threshold": 10, "fail_threshold": 50}},
    }
    res = run_qc(sensors, times, values, props, params)
    assert res["gross_range"].tolist() == [GOOD, GOOD, GOOD, GOOD, GOOD, FAIL]
    # s1/no2 sorted by time: 1 (t0), 1 (t10), 100 (t20); the middle one: |1 - (1 + 100) / 2| = 49.5 → SUSPECT
    assert res["spike"].tolist()[1:4] == [UNKNOWN, UNKNOWN, SUSPECT]
    assert res["spike"].tolist()[4] == UNKNOWN and res["spike"].tolist()[0] == UNKNOWN  # temp: not configured
    assert res["aggregate"].tolist() == [GOOD, GOOD, GOOD, SUSPECT, GOOD, FAIL]
    summary = summary_by_sensor(sensors, res["aggregate"])
    assert summary["s2"]["FAIL"] == 1 and summary["s2"]["GOOD"] == 2
    assert summary["s1"]["GOOD"] == 2 and summary["s1"]["SUSPECT"] == 1
    with pytest.raises(ValueError, match="unknown QARTOD test"):
        run_qc(sensors, times, values, props, {"default": {"spikes": {}}})
    with pytest.raises(ValueError, match="needs the parameter"):
        run_qc(sensors, times, values, props, {"default": {"spike": {"suspect_threshold": 1}}})
