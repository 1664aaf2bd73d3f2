"""``make demo LANG=fr`` (scripts/demo.py --lang fr): the demo's steps, reports and map in French (issue 13)."""

import os
import subprocess
import sys
from pathlib import Path

from french_check import english_words, html_text

REPO = Path(__file__).resolve().parents[2]


def test_demo_in_french(tmp_path):
    output = tmp_path / "demo-output"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")  # the switch wins over the locale
    run = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "demo.py"), "--output", str(output), "--lang", "fr"],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "Démonstration de TerriData sur" in run.stdout
    assert "- Rapport qualité des communes de l’échantillon" in run.stdout and "  fait en " in run.stdout
    assert "étapes sont faites en" in run.stdout and "All " not in run.stdout
    reports = sorted(output.glob("*.html"))
    assert {p.name for p in reports} >= {"quality-communes.html", "risk-report-citizen-reports.html"}
    for report in reports:
        page = report.read_text(encoding="utf-8")
        assert "lang='fr'" in page or 'lang="fr"' in page, report.name
        assert english_words(html_text(page)) == [], report.name
    assert (output / "map-no2-per-commune.png").stat().st_size > 10_000
