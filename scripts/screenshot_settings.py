"""Screenshot of TerriData's page of QGIS's Options dialog (``settings_page.png``).

``shot_settings_page(out_dir)`` renders the page (every section unfolded, the whole scroll area) into a PNG and
fails when the image is blank; it needs a running ``QgsApplication`` with a GUI (Xvfb or ``QT_QPA_PLATFORM=
offscreen``). Standalone: ``QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_settings.py OUT_DIR
[--locale fr]`` (meant to be folded into the screenshot script of the dock).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMPORT_DIR = REPO / ".build" / "import"
WIDTH = 900


class BlankScreenshotError(RuntimeError):
    """The image has (almost) one colour: the widget was not drawn."""


def _make_importable() -> None:
    """The repository root is the plugin folder: expose it as the ``terridata`` package."""
    link = IMPORT_DIR / "terridata"
    if not link.exists():
        IMPORT_DIR.mkdir(parents=True, exist_ok=True)
        link.symlink_to(Path("..") / "..", target_is_directory=True)
    if str(IMPORT_DIR) not in sys.path:
        sys.path.insert(0, str(IMPORT_DIR))


def distinct_colours(image, step: int = 4) -> int:
    """Number of distinct colours on a grid of every ``step``-th pixel."""
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def shot_settings_page(out_dir) -> Path:
    """Write ``<out_dir>/settings_page.png`` and return its path; raise :class:`BlankScreenshotError` if it is blank."""
    _make_importable()
    from qgis.PyQt.QtCore import QCoreApplication

    from terridata.ui.options_page import TerriDataOptionsPage

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    page = TerriDataOptionsPage()
    try:
        for group in page.groups.values():
            group.setCollapsed(False)
        page.resize(WIDTH, 800)
        page.show()
        QCoreApplication.processEvents()
        contents = page.scroll_contents
        contents.resize(WIDTH, contents.sizeHint().height())
        QCoreApplication.processEvents()
        image = contents.grab().toImage()
        path = out / "settings_page.png"
        if image.isNull() or not image.save(str(path), "PNG"):
            raise BlankScreenshotError(f"Could not render the settings page into {path}")
        colours = distinct_colours(image)
        if colours < 8:
            raise BlankScreenshotError(f"The settings page screenshot {path} is blank ({colours} colours)")
        return path
    finally:
        page.hide()
        page.deleteLater()


def main(argv=None) -> int:
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--locale", default="en", help="interface language: en or fr")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    app = QgsApplication([], True)
    app.initQgis()
    translator = QTranslator()
    if args.locale != "en" and translator.load(str(REPO / "i18n" / f"terridata_{args.locale}.qm")):
        QCoreApplication.installTranslator(translator)
    print(shot_settings_page(args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
