"""Several outputs committed together or not at all (toolbelt/atomic.py)."""

import os

import pytest

from terridata.toolbelt.atomic import atomic_outputs, earlier_files


def test_all_outputs_appear_together(tmp_path):
    data, report = tmp_path / "data.gpkg", tmp_path / "report.html"
    with atomic_outputs([data, report]) as (tmp_data, tmp_report):
        tmp_data.write_text("new data")
        tmp_report.write_text("new report")
        assert not data.exists() and not report.exists()
    assert data.read_text() == "new data" and report.read_text() == "new report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.gpkg", "report.html"]


def test_a_failed_run_leaves_the_earlier_outputs_untouched(tmp_path):
    data, report = tmp_path / "data.gpkg", tmp_path / "report.html"
    data.write_text("old data")
    report.write_text("old report")
    with pytest.raises(RuntimeError), atomic_outputs([data, report]) as (tmp_data, tmp_report):
        tmp_data.write_text("new data")
        raise RuntimeError("k cannot be met")
    assert data.read_text() == "old data" and report.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.gpkg", "report.html"]


def test_an_output_not_written_commits_nothing(tmp_path):
    data, report = tmp_path / "data.gpkg", tmp_path / "report.html"
    report.write_text("old report")
    with pytest.raises(FileNotFoundError), atomic_outputs([data, report]) as (tmp_data, _tmp_report):
        tmp_data.write_text("new data")
    assert not data.exists() and report.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_a_rename_that_fails_half_way_restores_the_earlier_outputs(tmp_path, monkeypatch):
    data, report = tmp_path / "data.gpkg", tmp_path / "report.html"
    data.write_text("old data")
    report.write_text("old report")
    real_replace = os.replace

    def replace_failing_on_the_new_report(src, dst):
        if str(dst) == str(report) and "report" in str(src) and ".previous-" not in str(src):
            raise OSError("disk full")
        return real_replace(src, dst)

    with pytest.raises(OSError, match="disk full"), atomic_outputs([data, report]) as (tmp_data, tmp_report):
        tmp_data.write_text("new data")
        tmp_report.write_text("new report")
        monkeypatch.setattr(os, "replace", replace_failing_on_the_new_report)
    monkeypatch.undo()
    assert data.read_text() == "old data" and report.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.gpkg", "report.html"]


def test_two_outputs_at_one_path_are_refused(tmp_path):
    with pytest.raises(ValueError), atomic_outputs([tmp_path / "a.csv", tmp_path / "." / "a.csv"]):
        pass
    assert list(tmp_path.iterdir()) == []


def test_earlier_files_names_what_a_refused_run_left(tmp_path):
    old = tmp_path / "old.gpkg"
    old.write_text("x")
    os.utime(old, (0, 1_700_000_000))
    listed = earlier_files([old, tmp_path / "missing.html", None])
    assert len(listed) == 1 and listed[0].startswith("old.gpkg (2023-11-")
