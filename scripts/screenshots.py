"""Screenshots of TerriData's desktop face, for review and CI.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py OUTPUT_FOLDER      (or under xvfb-run)

Writes one PNG per shot of :data:`SHOTS` (the catalogue dock in English and in French, its detail pane, the
Browser tree) and exits non-zero when a shot is blank (every sampled pixel the same colour) or fails.
Nothing reaches the Internet: the dock searches TerriData's curated datasets through its real search code (one task
per source), the IGN catalogue address points at a closed local port (the curated layers are listed), and QGIS runs
in a throw-away profile (the territory chosen for the shots never reaches the user's settings).

Adding a shot is one function: decorate ``def my_shot(env) -> QWidget`` (or a ``QImage``) with ``@shot("name")``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHOTS = []  # (name, function(env) -> QWidget | QImage)


def shot(name: str):
    def register(function):
        SHOTS.append((name, function))
        return function

    return register


def _import_plugin():
    """The repository root is the plugin folder: import it as ``terridata`` (the tests' symlink)."""
    import_dir = REPO_ROOT / ".build" / "import"
    link = import_dir / "terridata"
    if not link.exists():
        import_dir.mkdir(parents=True, exist_ok=True)
        try:
            link.symlink_to(Path("..") / "..", target_is_directory=True)
        except FileExistsError:
            pass
    sys.path.insert(0, str(import_dir))


def wait_for(predicate, timeout_s: float = 60.0) -> bool:
    from qgis.PyQt.QtCore import QCoreApplication, QEventLoop, QThread

    end = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents(QEventLoop.AllEvents, 20)
        QThread.msleep(5)
    return True


def is_blank(image) -> bool:
    """Every pixel of a 40 x 40 grid over the image has the same colour (or the image is empty)."""
    if image.isNull() or image.width() == 0 or image.height() == 0:
        return True
    colours = set()
    for i in range(40):
        for j in range(40):
            colours.add(image.pixel(i * (image.width() - 1) // 39, j * (image.height() - 1) // 39))
            if len(colours) > 1:
                return False
    return True


# --------------------------------------------------------------------------------------------------- the data
FIXTURES = REPO_ROOT / "tests" / "fixtures"


def offline_sources():
    """Search sources over TerriData's curated datasets completed by the catalogue documents the tests replay
    (an excerpt of the Géoplateforme's WFS capabilities, of INSEE Melodi's catalogue): the dock's real search code,
    no network."""
    import json

    from terridata.providers.ign.capabilities import parse_wfs_capabilities
    from terridata.providers.ign.curated import curated_basemaps, curated_vector_datasets
    from terridata.providers.insee.melodi_format import parse_catalogue
    from terridata.providers.insee.provider import curated_datasets, dataset_from_summary
    from terridata.providers.model import search_datasets
    from terridata.providers.sensors import HubeauProvider
    from terridata.toolbelt.settings import Settings
    from terridata.ui.catalogue_search import SearchSource

    defaults = Settings()  # the Géoplateforme's own addresses in the detail pane (the run itself stays offline)
    curated = curated_vector_datasets(defaults.ign_wfs_url) + curated_basemaps(defaults.ign_wmts_url)
    ign = {ds.id: ds for ds in curated}
    wfs = (FIXTURES / "ign" / "wfs_capabilities.xml").read_bytes()
    for ds in parse_wfs_capabilities(wfs, "https://data.geopf.fr/wfs/ows", "ign_wfs"):
        ign[ds.id] = ign[ds.id].merged_with(ds) if ds.id in ign else ds
    insee = {ds.id: ds for ds in curated_datasets()}
    melodi = json.loads((FIXTURES / "melodi" / "catalog_all.json").read_text(encoding="utf-8"))
    for summary in parse_catalogue(melodi):
        ds = dataset_from_summary(summary)
        insee[ds.id] = insee[ds.id].merged_with(ds) if ds.id in insee else ds
    catalogues = (
        ("ign", "IGN Géoplateforme", list(ign.values())),
        ("insee", "INSEE", list(insee.values())),
        ("hubeau", "Hub'Eau", HubeauProvider().datasets()),
    )

    def searcher(datasets):
        return lambda query, territory, feedback: (search_datasets(datasets, query), "")

    return [SearchSource(ident, label, ident, searcher(datasets)) for ident, label, datasets in catalogues]


def make_dock(env, query: str = "communes"):
    from terridata.core.cog.search import default_index
    from terridata.ui.catalogue_dock import CatalogueDock
    from terridata.ui.catalogue_search import CatalogueSearch

    dock = CatalogueDock(None, search=CatalogueSearch(sources=offline_sources()))
    dock.picker.choose(default_index().get("commune", "91228"))
    dock.resize(560, 720)
    dock.show()
    dock.ui.search_edit.setText(query)
    dock.start_search()
    if not wait_for(lambda: not dock.is_searching() and dock.result_rows()):
        raise RuntimeError(f"the dock listed nothing for {query!r}")
    tree = dock.ui.results_tree
    for row in range(tree.topLevelItemCount()):
        if tree.topLevelItem(row).text(0) == "IGN Géoplateforme":
            tree.setCurrentItem(tree.topLevelItem(row))
            break
    else:
        tree.setCurrentItem(tree.topLevelItem(0))
    env["widgets"].append(dock)
    return dock


def set_language(env, lang: str) -> None:
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from terridata.toolbelt.settings import QgsSettings

    if env.get("translator") is not None:
        QCoreApplication.removeTranslator(env["translator"])
        env["translator"] = None
    QgsSettings().setValue("locale/overrideFlag", True)
    QgsSettings().setValue("locale/userLocale", lang)
    if lang != "en":
        qm = REPO_ROOT / "i18n" / f"terridata_{lang}.qm"
        translator = QTranslator()
        if not translator.load(str(qm)):
            raise RuntimeError(f"cannot load {qm} (run scripts/translations.sh compile)")
        QCoreApplication.installTranslator(translator)
        env["translator"] = translator


# --------------------------------------------------------------------------------------------------- the shots
@shot("dock_en")
def dock_english(env):
    set_language(env, "en")
    return make_dock(env)


@shot("dock_fr")
def dock_french(env):
    set_language(env, "fr")
    try:
        return make_dock(env)
    finally:
        set_language(env, "en")


@shot("detail_pane")
def detail_pane(env):
    set_language(env, "en")
    dock = make_dock(env, "bâtiments")
    dock.ui.splitter.setSizes([120, 520])  # the pane with room for its resources
    return dock.ui.detail_browser


@shot("browser_tree")
def browser_tree(env):
    from qgis.core import QgsApplication, QgsDataItem
    from qgis.gui import QgsBrowserGuiModel
    from qgis.PyQt.QtWidgets import QTreeView

    from terridata.providers.insee.provider import curated_datasets
    from terridata.ui.browser_items import TerriDataItemProvider
    from terridata.ui.catalogue_favourites import favourites

    set_language(env, "en")
    favourites().add(curated_datasets()[0])
    provider = TerriDataItemProvider()
    QgsApplication.dataItemProviderRegistry().addProvider(provider)
    model = QgsBrowserGuiModel()
    model.initialize()
    view = QTreeView()
    view.setHeaderHidden(True)
    view.setModel(model)
    view.resize(420, 640)
    env["widgets"].extend([view, model])

    def expand(index):
        item = model.dataItem(index)
        model.fetchMore(index)
        wait_for(lambda: item.state() == QgsDataItem.Populated, 30)
        view.expand(index)
        return {model.data(model.index(r, 0, index)): model.index(r, 0, index) for r in range(model.rowCount(index))}

    roots = {model.data(model.index(r, 0)): model.index(r, 0) for r in range(model.rowCount())}
    children = expand(roots["TerriData"])
    for name in ("Favourites", "IGN Géoplateforme"):
        expand(children[name])
    view.scrollTo(roots["TerriData"], QTreeView.PositionAtTop)
    view.show()
    return view


@shot("settings_page")
def settings_page(env):
    """The settings page of QGIS's Options dialog, every section unfolded (scripts/screenshot_settings.py)."""
    from qgis.PyQt.QtGui import QImage
    from screenshot_settings import shot_settings_page

    set_language(env, "en")
    return QImage(str(shot_settings_page(tempfile.mkdtemp(prefix="terridata-settings-shot-"))))


# --------------------------------------------------------------------------------------------------- running
def main(argv) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="terridata-shots-")
    # No network: IGN's catalogue on a closed port (the curated entries stay listed), no retries.
    os.environ.update(
        {
            "TERRIDATA_IGN_WFS_URL": "http://127.0.0.1:9/wfs",
            "TERRIDATA_IGN_WMTS_URL": "http://127.0.0.1:9/wmts",
            "TERRIDATA_MAX_RETRIES": "0",
            "TERRIDATA_CACHE_ENABLED": "false",
            "TERRIDATA_EXTRA_WFS_ENDPOINTS": "",
        }
    )
    _import_plugin()
    from qgis.core import QgsApplication
    from qgis.PyQt.QtGui import QImage

    app = QgsApplication([], True, profile)
    app.initQgis()
    env = {"widgets": [], "translator": None}
    failures = []
    for name, function in SHOTS:
        try:
            widget = function(env)
            wait_for(lambda: False, 0.3)  # let the widgets lay out and paint
            image = widget if isinstance(widget, QImage) else widget.grab().toImage()
            path = out / f"{name}.png"
            if not image.save(str(path)):
                failures.append(f"{name}: could not write {path}")
            elif is_blank(image):
                failures.append(f"{name}: blank image ({image.width()} x {image.height()})")
            else:
                print(f"screenshots: {path} ({image.width()} x {image.height()})")
        except Exception as exc:  # noqa: BLE001 - every shot is tried; the failures are listed at the end
            failures.append(f"{name}: {type(exc).__name__}: {exc}")
    for widget in env["widgets"]:
        if hasattr(widget, "close"):
            widget.close()
    env["widgets"].clear()
    for failure in failures:
        print(f"screenshots: FAILED {failure}", file=sys.stderr)
    app.exitQgis()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
