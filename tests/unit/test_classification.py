"""Map classifications against breaks computed by hand, by brute force and by an independent Jenks implementation."""

import itertools
import math
import random

import pytest

from terridata.core.classification import (
    BREWER,
    JENKS_EXACT_LIMIT,
    NARROW_NBSP,
    class_labels,
    classify,
    diverging_colours,
    format_number,
    label_decimals,
    qualitative_colours,
    sequential_colours,
)


# ------------------------------------------------------------------------------------------- quantiles
def test_quantiles_of_distinct_values_split_evenly():
    result = classify([8, 1, 7, 2, 6, 3, 5, 4], "quantile", 4)
    # 8 sorted values in 4 classes of 2: upper bounds are the 2nd, 4th, 6th and 8th values.
    assert result.breaks == (1, 2, 4, 6, 8)
    assert result.counts == (2, 2, 2, 2)
    assert not result.reduced


def test_quantiles_merge_ties_instead_of_repeating_a_class():
    # The demo's grid: most cells hold 1 report; 5 quantiles used to read "1 - 1" four times.
    values = [1] * 70 + [2] * 20 + [3] * 6 + [7, 9, 12, 15]
    result = classify(values, "quantile", 5)
    # Hand-computed: ranks 20, 40, 60, 80 (1-based) hold 1, 1, 1, 2 → inner breaks {1, 2}.
    assert result.breaks == (1, 1, 2, 15)
    assert result.counts == (70, 20, 10)
    assert result.classes == 3 and result.requested == 5 and result.reduced
    assert class_labels(result) == ["1", "2", "3 – 15"]
    assert len(set(class_labels(result))) == result.classes
    assert result.empty_classes == 0


def test_single_distinct_value_makes_one_class():
    result = classify([4.5, 4.5, 4.5], "quantile", 5)
    assert result.breaks == (4.5, 4.5) and result.counts == (3,)
    assert class_labels(result, "fr") == ["4,5"]
    for method in ("jenks", "equal", "pretty"):
        assert classify([4.5, 4.5], method, 3).counts == (2,)


def test_one_feature():
    result = classify([12.0], "jenks", 5)
    assert result.breaks == (12.0, 12.0) and result.counts == (1,)


def test_nulls_are_no_data_and_do_not_move_the_breaks():
    values = [None, 10.0, float("nan"), 20.0, 30.0, 40.0, None]
    result = classify(values, "equal", 2)
    assert result.missing == 3
    assert result.breaks == (10.0, 25.0, 40.0)
    assert result.counts == (2, 2)
    with pytest.raises(ValueError, match="every value is missing"):
        classify([None, float("nan")], "quantile", 3)


def test_negative_values():
    result = classify([-30, -20, -10, 0, 10, 20], "quantile", 3)
    assert result.breaks == (-30, -20, 0, 20)
    assert class_labels(result, "fr") == ["\u221230 \u2013 \u221220", "\u221210 \u2013 0", "10 \u2013 20"]
    assert classify([-7.5, -2.5], "equal", 2).breaks == (-7.5, -5.0, -2.5)


def test_equal_intervals_say_when_a_class_is_empty():
    result = classify([0, 1, 2, 100], "equal", 4)
    assert result.breaks == (0, 25, 50, 75, 100)
    assert result.counts == (3, 0, 0, 1) and result.empty_classes == 2
    assert class_labels(result) == ["0 – 2", "25 – 50", "50 – 75", "100"]


def test_pretty_breaks_are_round():
    assert classify([3, 97], "pretty", 5).breaks == (0, 20, 40, 60, 80, 100)
    assert classify([0.013, 0.87], "pretty", 4).breaks == (0, 0.25, 0.5, 0.75, 1.0)
    # A width of 1000 would make 5 classes (more than asked): 2000 is the roundest width that does not.
    assert classify([1234, 5678], "pretty", 4).breaks == (0, 2000, 4000, 6000)


def test_manual_breaks_keep_cuts_inside_the_range_and_report_the_others():
    result = classify([1, 5, 9, 15, 22], "manual", cuts=[10, 0, 5, 30])
    assert result.breaks == (1, 5, 10, 22)
    assert result.counts == (2, 1, 2)
    assert result.dropped_cuts == (0, 30)
    assert result.requested == 5 and result.reduced


# ------------------------------------------------------------------------------------------------ Jenks
def test_jenks_matches_the_published_jenkspy_example():
    # The example of jenkspy's README (an independent C implementation of Fisher-Jenks).
    data = [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]
    assert classify(data, "jenks", 3).breaks == (1.2, 2.3, 5.0, 7.8)


def _sdcm(sorted_values, uppers):
    total, start = 0.0, 0
    for upper in uppers:
        end = max(i for i, v in enumerate(sorted_values) if v <= upper) + 1
        group = sorted_values[start:end]
        mean = sum(group) / len(group)
        total += sum((v - mean) ** 2 for v in group)
        start = end
    return total


def test_jenks_is_the_best_partition_found_by_brute_force():
    rng = random.Random(7)
    for _ in range(30):
        values = sorted({round(rng.uniform(-50, 200), 1) for _ in range(rng.randint(4, 11))})
        k = rng.randint(2, min(4, len(values)))
        best = min(
            _sdcm(values, [values[c - 1] for c in cuts] + [values[-1]])
            for cuts in itertools.combinations(range(1, len(values)), k - 1)
        )
        result = classify(values, "jenks", k)
        assert math.isclose(_sdcm(values, result.breaks[1:]), best, rel_tol=1e-9, abs_tol=1e-9)


def test_jenks_matches_jenkspy_on_random_data():
    jenkspy = pytest.importorskip("jenkspy")
    rng = random.Random(3)
    for _ in range(40):
        values = [round(rng.gauss(100, 40), 2) for _ in range(rng.randint(10, 300))]
        k = rng.randint(2, 7)
        assert list(classify(values, "jenks", k).breaks) == jenkspy.jenks_breaks(values, n_classes=k)


def test_jenks_never_splits_ties_and_reduces_classes_to_the_distinct_values():
    result = classify([5, 5, 5, 5, 9, 9], "jenks", 4)
    assert result.breaks == (5, 5, 9) and result.counts == (4, 2) and result.reduced


def test_jenks_samples_large_inputs_with_a_fixed_seed():
    rng = random.Random(11)
    values = [rng.lognormvariate(3, 1) for _ in range(JENKS_EXACT_LIMIT * 3)]
    first = classify(values, "jenks", 5)
    again = classify(list(reversed(values)), "jenks", 5)
    assert first.sampled and first.breaks == again.breaks
    assert first.breaks[0] == min(values) and first.breaks[-1] == max(values)
    assert sum(first.counts) == len(values) and first.empty_classes == 0
    assert not classify(values[:100], "jenks", 5).sampled


# ----------------------------------------------------------------------------------------------- labels
def test_number_format_french_and_english():
    assert format_number(1234567.891, 2, "fr") == f"1{NARROW_NBSP}234{NARROW_NBSP}567,89"
    assert format_number(1234567.891, 2, "en") == "1,234,567.89"
    assert format_number(-0.04, 1, "fr") == "0,0"  # never "−0,0"
    assert format_number(-1500, 0, "fr") == f"\u22121{NARROW_NBSP}500"
    assert format_number(999, 0, "fr") == "999"


def test_labels_use_the_fewest_decimals_that_keep_classes_apart():
    assert label_decimals([22.21, 22.64, 35.4]) == 1  # 23 would be 1.6 % off 22.64
    assert label_decimals([71, 520, 66177]) == 0
    assert label_decimals([9.4, 11.0]) == 1  # not "9"
    assert label_decimals([4.5]) == 1  # not "4"
    assert label_decimals([0.0123, 0.5]) == 4  # 0.012 would be 2.4 % off
    assert label_decimals([10, 20, 30.0]) == 0
    assert label_decimals([0.0012, 0.0019]) == 4
    # The council map's neighbouring classes: never "22.2–22.6" next to "22.6–35.4".
    result = classify([22.21, 22.4, 22.57, 22.64, 30.0, 35.4], "quantile", 3)
    labels = class_labels(result, "en")
    assert labels == ["22.21 – 22.40", "22.57 – 22.64", "30.00 – 35.40"]


def test_labels_with_unit_in_french():
    result = classify([1000.0, 2500.0, 12000.0], "quantile", 3)
    assert class_labels(result, "fr", unit="hab.") == [
        f"1{NARROW_NBSP}000{NARROW_NBSP}hab.",
        f"2{NARROW_NBSP}500{NARROW_NBSP}hab.",
        f"12{NARROW_NBSP}000{NARROW_NBSP}hab.",
    ]


# ---------------------------------------------------------------------------------------------- colours
def test_sequential_ramp_is_colorbrewer_ylorrd():
    assert sequential_colours(5) == ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
    assert len(sequential_colours(2)) == 2 and len(sequential_colours(1)) == 1
    with pytest.raises(ValueError, match="at most 9"):
        sequential_colours(12)


def test_diverging_ramp_is_centred_on_the_given_value():
    rdbu = BREWER["RdBu"]
    # Two classes below 0 and three above: each side as deep as the deeper one (3), neutral none (0 is a break).
    colours = diverging_colours([-10, -5, 0, 5, 10, 20], centre=0)
    assert colours == [rdbu[6][1], rdbu[6][2], rdbu[6][3], rdbu[6][4], rdbu[6][5]]
    # A class straddling the centre is neutral.
    colours = diverging_colours([-10, -2, 3, 10], centre=0)
    assert colours == [rdbu[3][0], rdbu[3][1], rdbu[3][2]]
    assert rdbu[3][1] == "#f7f7f7"
    # Centred on 100 (an index): all classes above.
    colours = diverging_colours([100, 110, 120], centre=100)
    assert colours == [rdbu[4][2], rdbu[4][3]]


def test_qualitative_colours():
    assert len(set(qualitative_colours(8))) == 8
    assert len(qualitative_colours(20)) == 20
