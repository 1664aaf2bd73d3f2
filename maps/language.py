"""The language of the map's words and numbers: the one TerriData's interface speaks.

TerriData ships a French translation only, so the maps are French (decimal comma, "Sources :") exactly when the
French translation is loaded (QGIS running in French), English otherwise.
"""

from qgis.core import NULL
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ..toolbelt.i18n import CONTEXT

_PROBE = "Sources: {}"


def map_language() -> str:
    """``"fr"`` when TerriData's French translation is in use, else ``"en"``: the words a map prints come from
    ``tr()``, so its numbers and dates follow the translation actually loaded (not
    ``toolbelt.i18n.interface_language``, the locale setting that chooses which translation to load)."""
    return "fr" if QCoreApplication.translate(CONTEXT, _PROBE) != _PROBE else "en"


def plain(value):
    """A QGIS attribute value as Python (``NULL``/null ``QVariant`` → ``None``)."""
    if value is None or value == NULL:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def list_separator(lang: str) -> str:
    """French typography puts a space before the semicolon."""
    return " ; " if lang == "fr" else "; "


def format_date(day, lang: str) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()
