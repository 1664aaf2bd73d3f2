"""The About entry of the plugin menu shows TerriData's own icon (resources/images/icon.svg) and the version of
metadata.txt."""

from __future__ import annotations

from configparser import ConfigParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_about_box_shows_terridata_icon_and_version(qgis_iface):
    from qgis.PyQt.QtGui import QIcon

    from terridata.ui.dlg_about import ICON_SIZE, about_box

    metadata = ConfigParser(interpolation=None)
    metadata.read(REPO / "metadata.txt", encoding="utf-8")
    version = metadata["general"]["version"]
    box = about_box()
    assert f"TerriData {version}" in box.text()
    shown = box.iconPixmap().toImage()
    expected = QIcon(str(REPO / "resources" / "images" / "icon.svg")).pixmap(ICON_SIZE, ICON_SIZE).toImage()
    assert not shown.isNull() and shown.size() == expected.size()
    assert shown == expected  # TerriData's icon, not QGIS's nor a standard message-box icon
    assert box.windowTitle() == "About TerriData"
