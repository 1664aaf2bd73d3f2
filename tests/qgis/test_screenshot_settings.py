"""``scripts/screenshot_settings.py`` renders the settings page into a PNG that is not blank, and its blank check
refuses an image of one colour."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshot_settings.py"


def load_script():
    spec = importlib.util.spec_from_file_location("screenshot_settings", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_settings_page_screenshot_is_written_and_not_blank(qgis_iface, tmp_path):
    from qgis.PyQt.QtGui import QImage

    path = load_script().shot_settings_page(tmp_path)
    assert path == tmp_path / "settings_page.png"
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 800 and image.height() > 1000  # every section unfolded
    # Counted here, independently of the script: text and widgets make many colours.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert len(colours) > 20


def test_blank_check_refuses_one_colour(qgis_app):
    from qgis.PyQt.QtGui import QColor, QImage

    script = load_script()
    image = QImage(200, 200, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    assert script.distinct_colours(image) == 1  # below the script's threshold of 8: it raises BlankScreenshotError
