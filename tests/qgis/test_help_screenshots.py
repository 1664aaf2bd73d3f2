"""Screenshots of two algorithm dialogs with their help, in French (scripts/screenshot_help.py), are not blank,
and the offline help pages go into the plugin zip (issue 13)."""

import subprocess
import sys
import zipfile
from pathlib import Path

from qgis.PyQt.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def _dark_share(image: QImage, x0: int, x1: int) -> float:
    """Share of dark pixels (text) in the columns x0..x1, sampled every 2 pixels."""
    dark = total = 0
    for y in range(0, image.height(), 2):
        for x in range(x0, x1, 2):
            color = image.pixelColor(x, y)
            total += 1
            dark += (0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()) < 110
    return dark / total


def test_french_dialog_screenshots_are_not_blank(tmp_path):
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "screenshot_help.py"), "--lang", "fr", "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    shots = [Path(line) for line in done.stdout.splitlines() if line.endswith(".png")]
    assert [p.name for p in shots] == ["aggregate_points_to_zones_fr.png", "quality_report_fr.png"]
    for shot in shots:
        image = QImage(str(shot))
        assert not image.isNull() and image.width() >= 800 and image.height() >= 600, shot
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 30, f"{shot.name}: {len(colours)} colours, the dialog looks blank"
        # The help panel (right half) holds text: dark glyphs on a light background.
        help_text = _dark_share(image, image.width() // 2, image.width())
        assert 0.01 < help_text < 0.5, f"{shot.name}: {help_text:.3f} of the help panel is dark"


def test_offline_help_pages_are_in_the_package(tmp_path):
    """scripts/package_build.py renders the help pages (scripts/build_help.py) and ships them with the plugin."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import package_build
    finally:
        sys.path.pop(0)
    html = REPO / "resources" / "help" / "html"
    if html.exists():
        import shutil

        shutil.rmtree(html)  # rendered again by the packaging
    if hasattr(package_build, "plugin_files"):  # the selection of the files QGIS installs
        names = {f"terridata/{name}" for name in package_build.plugin_files(REPO)}
    else:
        with zipfile.ZipFile(package_build.build(REPO, tmp_path)) as archive:
            names = set(archive.namelist())
    page = (html / "fr" / "quality_report.html").read_text(encoding="utf-8")
    sources = {p.stem for p in (REPO / "resources" / "help" / "en").glob("*.md")}
    for language in ("en", "fr"):
        assert {f"terridata/resources/help/html/{language}/{name}.html" for name in sources} <= names
    assert "<h1>Rapport qualité</h1>" in page and "<h2>Paramètres</h2>" in page
    assert {"terridata/README.md", "terridata/CHANGELOG.md"} <= names  # metadata.txt's homepage and tracker


def test_every_algorithm_help_renders_in_english(qgis_app):
    """Whatever algorithm the provider holds (other changes add some): its help is HTML of the Markdown subset
    (no raw backtick, no line break tag, no lost angle bracket), with its parameter names in bold, and its Help
    button opens an existing local page."""
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    from terridata.processing.provider import algorithm_classes

    subprocess.run([sys.executable, str(REPO / "scripts" / "build_help.py")], check=True, capture_output=True)
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm({})
        source = REPO / "resources" / "help" / "en" / f"{alg.name()}.md"
        assert source.exists(), f"no help for {alg.name()}: write {source.relative_to(REPO)}"
        html = alg.shortHelpString()
        assert html.startswith("<") and "\n" not in html and "<br" not in html and "`" not in html, alg.name()
        assert "<p>" in html and "<li>" in html, alg.name()
        first = next(p.name() for p in alg.parameterDefinitions())
        if first in source.read_text(encoding="utf-8"):
            assert f"<b>{first}</b>" in html, (alg.name(), first)
        if "<field>" in source.read_text(encoding="utf-8"):
            assert "&lt;field&gt;" in html, alg.name()
        page = Path(url2pathname(urlparse(alg.helpUrl()).path))
        assert page.exists() and page.suffix == ".html" and page.parent.name == "en", alg.helpUrl()
