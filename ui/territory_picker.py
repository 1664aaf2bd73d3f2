"""The user's territory: chosen once in the catalogue dock (a line edit completing COG names and codes), stored in
the ``territory`` setting (``level:code``), used as the default territory filter of searches and downloads."""

from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QObject, QStringListModel, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QCompleter, QLineEdit

from ..core.cog.search import TerritoryMatch, default_index
from ..toolbelt.i18n import tr
from ..toolbelt.settings import PlgSettings

LEVEL_LABELS = {
    "commune": QT_TRANSLATE_NOOP("TerriData", "commune"),
    "epci": QT_TRANSLATE_NOOP("TerriData", "EPCI"),
    "departement": QT_TRANSLATE_NOOP("TerriData", "département"),
    "region": QT_TRANSLATE_NOOP("TerriData", "région"),
}


def level_label(level: str) -> str:
    return tr(LEVEL_LABELS.get(level, level))


def describe(match: TerritoryMatch) -> str:
    """``"Évry-Courcouronnes (commune 91228, 91)"``: what the picker and the locator show."""
    extra = f", {match.departement}" if match.level == "commune" and match.departement else ""
    return f"{match.name} ({level_label(match.level)} {match.code}{extra})"


def stored_territory() -> Optional[TerritoryMatch]:
    """The territory of the settings, or None (none chosen, or a code the COG no longer has)."""
    level, _, code = (PlgSettings.get().territory or "").partition(":")
    if not level or not code:
        return None
    return default_index().get(level, code)


def store_territory(match: Optional[TerritoryMatch]) -> None:
    PlgSettings.set_value("territory", match.key if match is not None else "")


class TerritoryPicker(QObject):
    """Turns a ``QLineEdit`` into a territory picker: typing lists matching territories (completer), choosing one
    stores it; ``territoryChanged(match or None)`` follows."""

    territoryChanged = pyqtSignal(object)  # noqa: N815

    def __init__(self, edit: QLineEdit, parent=None):
        super().__init__(parent or edit)
        self.edit = edit
        self.matches = []
        self._current = None
        self._loaded = False  # the stored territory is read (and the COG index built) on first use, not at startup
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        edit.setCompleter(self.completer)
        edit.setPlaceholderText(tr("Commune, EPCI, département or région (name or code)"))
        edit.textEdited.connect(self._update_matches)
        edit.textChanged.connect(self._cleared)
        self.completer.activated[str].connect(self._activated)  # noqa: QGS405 (QCompleter keeps it in Qt 6)

    @property
    def current(self) -> Optional[TerritoryMatch]:
        if not self._loaded:
            self._loaded = True
            self._current = stored_territory()
        return self._current

    def load(self) -> None:
        """Show the stored territory (builds the COG name index: about a second, once per session)."""
        self._show_current()

    @staticmethod
    def warm_up() -> None:
        """Build the COG name index in a background thread, so the first keystroke does not wait for it."""
        import threading

        threading.Thread(target=default_index, name="terridata-cog-index", daemon=True).start()

    def _show_current(self) -> None:
        self.edit.blockSignals(True)
        self.edit.setText(describe(self.current) if self.current is not None else "")
        self.edit.blockSignals(False)

    def _update_matches(self, text: str) -> None:
        self.matches = default_index().search(text, limit=15)
        self.model.setStringList([describe(m) for m in self.matches])
        if self.matches:
            self.completer.complete()

    def _activated(self, text: str) -> None:
        for match in self.matches:
            if describe(match) == text:
                self.choose(match)
                return

    def _cleared(self, text: str) -> None:
        if not text and self.current is not None:
            self.choose(None)

    def choose(self, match: Optional[TerritoryMatch]) -> None:
        """Make ``match`` the user's territory (None: no territory)."""
        self._current, self._loaded = match, True
        store_territory(match)
        self._show_current()
        self.territoryChanged.emit(match)
