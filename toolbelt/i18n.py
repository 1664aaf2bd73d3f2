"""Translation helper: every user-visible string goes through :func:`tr`.

The context is always ``TerriData`` so that ``pylupdate5`` collects the strings of every module into a
single context of ``i18n/terridata_fr.ts``.
"""

from qgis.PyQt.QtCore import QCoreApplication

CONTEXT = "TerriData"


def tr(message: str, *args) -> str:
    """Translate ``message`` (English source) and format it with ``args`` (``{}`` placeholders)."""
    text = QCoreApplication.translate(CONTEXT, message)
    return text.format(*args) if args else text
