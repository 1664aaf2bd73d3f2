"""``make demo``: run TerriData's algorithms headless on the embedded sample and write ``demo-output/``.

It uses the Processing API in one QGIS process (the same algorithms ``qgis_process`` runs), prints each step and
where its files are, and builds everything in a temporary folder that replaces ``demo-output/`` only when every
step succeeded, so a failed run never leaves a half-made demo behind.

Usage: ``.venv/bin/python scripts/demo.py [--sample sample_data/essonne.gpkg] [--output demo-output] [--lang fr]``

``--lang`` (``make demo LANG=fr``): the language of the demo's reports, messages and printed steps (``fr`` or
``en``); by default the system locale's (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), English when it is neither.
"""

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IMPORT_DIR = REPO / ".build" / "import"


def _make_importable():
    """The repository root is the plugin folder: expose it as the ``terridata`` package."""
    link = IMPORT_DIR / "terridata"
    if not link.exists():
        IMPORT_DIR.mkdir(parents=True, exist_ok=True)
        link.symlink_to(Path("..") / "..", target_is_directory=True)
    sys.path.insert(0, str(IMPORT_DIR))


LANGUAGES = ("en", "fr")


def system_language() -> str:
    """The language of the system locale (``fr_FR.UTF-8`` → ``fr``); English when it is not one of LANGUAGES."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return value[:2].lower() if value[:2].lower() in LANGUAGES else "en"
    return "en"


def start_qgis(language: str = "en"):
    """A headless QGIS application with Processing and the TerriData provider, TerriData in ``language`` (its
    translation installed as QGIS installs it; the user's QGIS settings are not changed)."""
    os.environ["TERRIDATA_LANGUAGE"] = language
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A throw-away authentication database: the demo stores a key for its local data.gouv.fr stand-in there,
    # never in the user's own (QGIS reads this variable when it starts).
    auth_dir = tempfile.mkdtemp(prefix="terridata-demo-auth-")
    atexit.register(shutil.rmtree, auth_dir, True)
    os.environ["QGIS_AUTH_DB_DIR_PATH"] = auth_dir
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    from qgis.PyQt.QtCore import QLocale

    from terridata import classFactory
    from terridata.processing.provider import TerriDataProvider

    if language != "en":
        QLocale.setDefault(QLocale(language))  # numbers of the map's legend and scale bar
    plugin = classFactory(None)  # installs TerriData's translation of ``language``
    provider = TerriDataProvider()
    QgsApplication.processingRegistry().addProvider(provider)
    return app, (plugin, provider)


class Demo:
    """Runs the steps, timing and reporting each; results go to ``self.work`` (a temporary folder)."""

    def __init__(self, sample: Path, work: Path, language: str = "en"):
        self.sample = sample
        self.work = work
        self.language = language
        self.gpkg = work / "terridata-demo.gpkg"
        self.lines = []

    def layer(self, name: str) -> str:
        return f"{self.sample}|layername={name}"

    def out_layer(self, name: str) -> str:
        """A layer of the demo GeoPackage (Processing appends it to the file)."""
        return f"ogr:dbname='{self.gpkg}' table=\"{name}\" (geom)"

    def written(self, name: str) -> str:
        """A layer an earlier step wrote to the demo GeoPackage, as an input of a later step."""
        return f"{self.gpkg}|layername={name}"

    def run(self, title: str, algorithm: str, params: dict) -> dict:
        from demo_steps import say
        from qgis.core import QgsProcessingContext, QgsProcessingFeedback

        import processing

        start = time.perf_counter()
        print(f"- {say(self.language, title)} ({algorithm}) …", flush=True)
        context = QgsProcessingContext()
        feedback = QgsProcessingFeedback()
        result = processing.run(algorithm, params, context=context, feedback=feedback)
        self.lines.append((title, time.perf_counter() - start))
        print(say(self.language, "  done in {:.1f} s", time.perf_counter() - start), flush=True)
        return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=REPO / "sample_data" / "essonne.gpkg")
    parser.add_argument("--output", type=Path, default=REPO / "demo-output")
    parser.add_argument("--lang", default="", help="fr or en (default: the system locale's)")
    args = parser.parse_args(argv)
    language = (args.lang or system_language())[:2].lower()
    language = language if language in LANGUAGES else "en"
    if not args.sample.exists():
        print(f"The sample {args.sample} is missing: run scripts/make_sample_data.py", file=sys.stderr)
        return 1
    _make_importable()
    app, _loaded = start_qgis(language)
    output = args.output.resolve()
    work = Path(tempfile.mkdtemp(prefix=".demo-", dir=output.parent))
    try:
        demo = Demo(args.sample.resolve(), work, language)
        from demo_steps import STEPS, say

        print(
            say(
                language,
                "TerriData demo on {} (Essonne: real communes and INSEE statistics, synthetic sensors and citizen "
                "reports)",
                args.sample,
            )
        )
        for step in STEPS:
            step(demo)
        if output.exists():
            shutil.rmtree(output)
        work.rename(output)
    except Exception:
        shutil.rmtree(work, ignore_errors=True)
        raise
    total = sum(seconds for _, seconds in demo.lines)
    print(say(language, "\nAll {} steps done in {:.1f} s. Results in {}:", len(demo.lines), total, output))
    for path in sorted(output.rglob("*")):
        if path.is_file():
            print(f"  {path.relative_to(output.parent)}  ({path.stat().st_size / 1024:.0f} KB)")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
