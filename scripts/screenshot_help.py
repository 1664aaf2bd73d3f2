"""Screenshots of TerriData algorithm dialogs with their help panel, as a user in French (or another language) sees
them: QGIS's own Processing dialog (AlgorithmDialog), drawn without a display (offscreen Qt platform, or Xvfb when
``QT_QPA_PLATFORM`` says so).

Usage: .venv/bin/python scripts/screenshot_help.py [--lang fr] [--output DIR] [ALGORITHM ...]
(default: aggregate_points_to_zones and quality_report, into .build/screenshots/). Prints the PNG paths.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ALGORITHMS = ("aggregate_points_to_zones", "quality_report")
SIZE = (1400, 860)
_KEEP = []


def start_qgis(language: str):
    """A QGIS application with a GUI (offscreen), Processing, and TerriData loaded as QGIS loads it, in
    ``language`` (``TERRIDATA_LANGUAGE``: the user's QGIS settings are not changed)."""
    os.environ["TERRIDATA_LANGUAGE"] = language
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import_dir = REPO / ".build" / "import"
    link = import_dir / "terridata"
    if not link.exists():
        import_dir.mkdir(parents=True, exist_ok=True)
        link.symlink_to(Path("..") / "..", target_is_directory=True)
    sys.path.insert(0, str(import_dir))
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], True)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

    QLocale.setDefault(QLocale(language))  # numbers in the parameter widgets

    # QGIS's own texts (buttons, tabs, "[optional]") in that language too, as a French QGIS shows them.
    qgis_translator = QTranslator()
    if qgis_translator.load(f"qgis_{language}", QgsApplication.i18nPath()):
        QCoreApplication.installTranslator(qgis_translator)
        _KEEP.append(qgis_translator)  # alive as long as the application
    from terridata import classFactory

    plugin = classFactory(None)  # installs the translation of ``language``
    plugin.initProcessing()
    return app, plugin


def screenshot(algorithm_id: str, path: Path) -> Path:
    """The Processing dialog of ``algorithm_id`` (parameters on the left, help panel on the right) as a PNG."""
    from processing.gui.AlgorithmDialog import AlgorithmDialog
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().createAlgorithmById(algorithm_id)
    if alg is None:
        raise SystemExit(f"screenshot_help: no algorithm {algorithm_id}")
    from qgis.PyQt.QtWidgets import QSplitter

    dialog = AlgorithmDialog(alg, False, None)
    dialog.resize(*SIZE)
    dialog.show()
    for splitter in dialog.findChildren(QSplitter):
        if splitter.count() == 2:  # parameters | help panel: give the help half of the width
            splitter.setSizes([SIZE[0] // 2, SIZE[0] // 2])
    for _ in range(20):
        QgsApplication.processEvents()
    image = dialog.grab()
    dialog.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"screenshot_help: cannot write {path}")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--output", type=Path, default=REPO / ".build" / "screenshots")
    parser.add_argument("algorithms", nargs="*", default=list(DEFAULT_ALGORITHMS))
    args = parser.parse_args(argv)
    app, _plugin = start_qgis(args.lang)
    for name in args.algorithms:
        path = screenshot(f"terridata:{name}", args.output / f"{name}_{args.lang}.png")
        print(path)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
