"""A technician whose QGIS is in French never meets an English word from TerriData (issue 13).

The strings are collected from the running plugin, not from the ``.ts`` file (so strings passed to ``tr()``
through variables, or never passed to it, are caught): QGIS is switched to French and the plugin loaded as QGIS
loads it (its translator installed by ``classFactory``); then every algorithm of the provider is instantiated and
its display name, group, parameter descriptions, enum labels, output descriptions, help panel, help page and help
URL are read; every dialog, dock and page found in ``ui/`` is instantiated and the texts of all its widgets read;
and the quality report and the risk report of real runs are read. Any English word left (``french_check``: a list
of common English words, with a short allow-list of proper nouns and codes) fails the test, naming where it is.

The golden checks of the two reports (section titles, messages, numbers written the French way where shown to
people, JSON unchanged) are in ``test_french_reports.py``.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

from french_check import english_words, html_text
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
# ui/ modules not checked, each with its reason (keep this list short).
NOT_CHECKED_UI = {
    "dlg_settings": "replaced by the TerriData page of QGIS Options (issue 13 leaves it to that change)",
}


def english_left(texts) -> list:
    """``[(where, text, english words)]`` for the texts that are not French."""
    found = []
    for where, text in texts:
        words = english_words(text or "")
        if words:
            found.append((where, text, words))
    return found


def report(found: list) -> str:
    return "\n".join(f"{where}: {words} in {text!r}" for where, text, words in found)


# ------------------------------------------------------------------------------------------------ algorithms
def algorithm_texts() -> list:
    """``[(where, text)]`` of every algorithm, instantiated now (its texts are translated when it is created)."""
    from terridata.processing.provider import algorithm_classes

    texts = []
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm({})
        name = alg.name()
        texts += [(f"{name}: display name", alg.displayName()), (f"{name}: group", alg.group())]
        for param in alg.parameterDefinitions():
            texts.append((f"{name}.{param.name()}: description", param.description()))
            if param.type() == "enum":
                texts += [(f"{name}.{param.name()}: choice", option) for option in param.options()]
        texts += [(f"{name}.{out.name()}: output", out.description()) for out in alg.outputDefinitions()]
        texts.append((f"{name}: help panel", html_text(alg.shortHelpString())))
    return texts


def test_every_algorithm_reads_in_french(french):
    texts = algorithm_texts()
    assert len(texts) > 300  # every algorithm was read
    found = english_left(texts)
    assert not found, f"{len(found)} English text(s) in the French interface:\n{report(found)}"


def test_help_pages_exist_in_french_and_open_offline(french):
    from terridata.processing.provider import algorithm_classes

    found = []
    for cls in algorithm_classes():
        alg = cls()
        alg.initAlgorithm({})
        source = REPO_ROOT / "resources" / "help" / "fr" / f"{alg.name()}.md"
        assert source.exists(), f"no French help for {alg.name()}: write {source.relative_to(REPO_ROOT)}"
        found += english_left([(f"resources/help/fr/{alg.name()}.md", source.read_text(encoding="utf-8"))])
        url = alg.helpUrl()
        assert url.startswith("file://") and url.endswith(f"/html/fr/{alg.name()}.html"), url
        page = Path(url2pathname(urlparse(url).path))
        assert page.exists(), page
        text = page.read_text(encoding="utf-8")
        assert '<html lang="fr">' in text and "<h1>" in text
        found += english_left([(f"{page.name} (offline page)", html_text(text))])
    assert not found, f"{len(found)} English text(s) in the French help:\n{report(found)}"


# ------------------------------------------------------------------------------------------------ dialogs
def _instantiate(cls, iface):
    """A widget of ``cls`` built the ways a plugin builds its dialogs, docks and option pages."""
    errors = []
    for args in ((), (None,), (iface,), (iface, None), ("vector",)):  # "vector": the IGN layer chooser's list
        try:
            return cls(*args)
        except (TypeError, ValueError) as error:
            errors.append(str(error))
    raise AssertionError(f"cannot instantiate {cls.__module__}.{cls.__name__} for the check: {errors}")


def widget_texts(root: QWidget) -> list:
    texts = [root.windowTitle()]
    # QGIS's own widgets (e.g. the authentication selector) are translated by QGIS's translation, not TerriData's
    qgis_owned = [w for w in root.findChildren(QWidget) if type(w).__module__.startswith("qgis.")]
    inside_qgis = {sip.unwrapinstance(w) for owner in qgis_owned for w in [owner, *owner.findChildren(QWidget)]}
    for widget in [root, *root.findChildren(QWidget)]:
        if sip.unwrapinstance(widget) in inside_qgis:
            continue
        texts += [widget.toolTip(), widget.whatsThis(), widget.statusTip()]
        if isinstance(widget, QLabel):
            texts.append(html_text(widget.text()))
        elif isinstance(widget, QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QTableWidget):
            texts += [widget.horizontalHeaderItem(i).text() for i in range(widget.columnCount())
                      if widget.horizontalHeaderItem(i)]  # fmt: skip
        elif isinstance(widget, QTreeWidget) and widget.headerItem():
            texts += [widget.headerItem().text(i) for i in range(widget.columnCount())]
    return [html_text(t) for t in texts if t]


def ui_widget_classes() -> list:
    import terridata.ui as ui

    classes = []
    for info in pkgutil.iter_modules(ui.__path__):
        if info.name in NOT_CHECKED_UI:
            continue
        module = importlib.import_module(f"terridata.ui.{info.name}")
        classes += [
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and issubclass(cls, QWidget)
        ]
    return classes


def test_every_dialog_dock_and_page_reads_in_french(french, qgis_iface):
    found = []
    for cls in ui_widget_classes():
        widget = _instantiate(cls, qgis_iface)
        try:
            where = f"{cls.__module__.replace('terridata.', '')}.{cls.__name__}"
            found += english_left((where, text) for text in widget_texts(widget))
        finally:
            widget.deleteLater()
    assert not found, f"{len(found)} English text(s) in the French dialogs:\n{report(found)}"


# ------------------------------------------------------------------------------------------------ reports
def test_quality_and_risk_reports_read_in_french(french, qgis_processing, terridata_provider, tmp_path):
    from french_reports import run_quality_report, run_risk_report

    quality = run_quality_report(tmp_path / "quality")
    risk = run_risk_report(tmp_path / "risk")
    texts = [("quality report (HTML)", html_text(quality["html"]))]
    texts += [(f"problems layer, {check}", message) for check, message in quality["layer_messages"]]
    texts += [("risk report (HTML)", html_text(risk["html"]))]
    found = english_left(texts)
    assert not found, f"{len(found)} English text(s) in the French reports:\n{report(found)}"
