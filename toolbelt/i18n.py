"""Translation helper: every user-visible string goes through :func:`tr`.

The context is always ``TerriData`` so that ``pylupdate5`` collects the strings of every module into a
single context of ``i18n/terridata_fr.ts``.
"""

import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale

CONTEXT = "TerriData"


def tr(message: str, *args) -> str:
    """Translate ``message`` (English source) and format it with ``args`` (``{}`` placeholders)."""
    text = QCoreApplication.translate(CONTEXT, message)
    return text.format(*args) if args else text


def interface_language() -> str:
    """Two-letter language QGIS runs in (its own override first, as QGIS itself does): the language of
    TerriData's translation (``plugin.py``), of the help pages and of the numbers shown to people.

    The ``TERRIDATA_LANGUAGE`` environment variable (``fr``, ``en``) overrides it for one process, e.g.
    ``TERRIDATA_LANGUAGE=fr qgis_process run terridata:…`` or ``make demo LANG=fr``, without changing the
    language of the user's QGIS."""
    forced = os.environ.get("TERRIDATA_LANGUAGE", "").strip()
    if forced:
        return forced[:2].lower()
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "") or ""
    else:
        name = settings.value("locale/globalLocale", "") or QLocale().name()
    language = (name or "en")[:2].lower()
    return language if len(language) == 2 and language.isalpha() and name[:2] not in ("C", "C.") else "en"


# Number separators of the interface languages (French: decimal comma, narrow no-break space between thousands,
# the "espace fine insécable" of French typography).
SEPARATORS = {"fr": (",", "\u202f")}


def translate(message: str) -> str:
    """``message`` translated, without formatting (the templates of ``core.messages``)."""
    return QCoreApplication.translate(CONTEXT, message)


def localiser(language: str = ""):
    """The :class:`~terridata.core.messages.Localiser` of the interface language (or of ``language``): messages
    built in ``core/`` translated, numbers written with that language's separators."""
    from ..core.messages import Localiser

    language = language or interface_language()
    decimal, thousands = SEPARATORS.get(language, (".", ","))
    return Localiser(translate, decimal, thousands, language)


def error_text(error: BaseException) -> str:
    """The message of ``error`` for people: a :class:`~terridata.core.messages.Message` raised in ``core/`` is
    translated, any other message is shown as it is."""
    first = error.args[0] if len(error.args) == 1 else None
    return localiser().text(first) if isinstance(first, str) else str(error)
