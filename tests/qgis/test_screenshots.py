"""scripts/screenshots.py runs headless (offscreen), writes every shot, and fails on a blank one."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "screenshots.py"


def _module():
    spec = importlib.util.spec_from_file_location("terridata_screenshots", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_writes_every_shot(tmp_path):
    from qgis.PyQt.QtGui import QImage

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    names = {name for name, _ in _module().SHOTS}
    assert {"dock_en", "dock_fr", "detail_pane", "browser_tree"} <= names
    for name in names:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull() and image.width() > 200 and image.height() > 200, name
        # Not blank: more than a handful of colours (text, icons, selection).
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 5, name


def test_blank_images_are_detected(qgis_app):
    from qgis.PyQt.QtGui import QColor, QImage

    module = _module()
    image = QImage(300, 200, QImage.Format_ARGB32)
    image.fill(QColor("white"))
    assert module.is_blank(image)
    image.setPixel(299, 199, QColor("black").rgb())
    assert not module.is_blank(image)
    assert module.is_blank(QImage())
