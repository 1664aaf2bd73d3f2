"""Messages built in ``core/`` (which imports no Qt), translated when the QGIS layer shows them.

A :class:`Message` is a ``str`` (the English text, as before: logs, tests and JSON reports keep working) that also
remembers its template and parameters. The QGIS layer renders it with a :class:`Localiser` built by
``toolbelt.i18n.localiser()``: the template goes through ``tr()`` and the numbers are written the way the interface
language writes them (French: decimal comma, narrow no-break space between thousands).

Templates are marked with :func:`QT_TR_NOOP` (this module's own, a no-op of the same name) so that
``pylupdate5`` collects them into the ``TerriData`` context of ``i18n/terridata_fr.ts``::

    from ..messages import QT_TR_NOOP, Message

    Message(QT_TR_NOOP("{:,} values missing ({:.1f} %)"), missing, share)

Fields use ``str.format`` syntax; a number shown to people gets a format spec (``{:,}`` for a count with
thousands separators, ``{:.1f}`` for a decimal), and the localiser writes it in the language of the interface.
Codes, years and identifiers are passed as text (or without a thousands spec) and are left as they are.
"""

from __future__ import annotations

import numbers
import string
from typing import Callable, Optional

_FORMATTER = string.Formatter()


def QT_TR_NOOP(text: str) -> str:  # noqa: N802  the name pylupdate5 looks for
    """Mark ``text`` for translation (collected by pylupdate5); return it unchanged.

    ``QT_TR_NOOP`` rather than ``QT_TRANSLATE_NOOP(context, text)``: pylupdate5 skips a ``QT_TRANSLATE_NOOP``
    call whose last argument is followed by a comma, as ruff format writes a call split over lines.
    (scripts/translations.sh files every string of a .py file in the ``TerriData`` context.)"""
    return text


class Message(str):
    """English text of a message, with the template and parameters to translate it later."""

    template: str
    params: tuple

    def __new__(cls, template: str, *params):
        self = super().__new__(cls, template.format(*params) if params else template)
        self.template = template
        self.params = params
        return self

    def __reduce__(self):
        return (Message, (self.template, *self.params))


def join(separator: str, items) -> Joined:
    """Several messages (or texts) joined by ``separator``, each translated on its own when rendered."""
    return Joined(separator, list(items))


class Joined(str):
    """``separator.join(items)`` that a :class:`Localiser` renders item by item."""

    def __new__(cls, separator: str, items: list):
        self = super().__new__(cls, separator.join(str(item) for item in items))
        self.separator = separator
        self.items = items
        return self


class Localiser:
    """Renders messages and numbers for people, in one language.

    ``translate``: the template → translated template function (``QCoreApplication.translate`` of the
    ``TerriData`` context at the QGIS layer; identity for English). ``decimal``/``thousands``: the separators.
    """

    def __init__(
        self, translate: Optional[Callable[[str], str]] = None, decimal: str = ".", thousands: str = ",", language="en"
    ):
        self.translate = translate or (lambda text: text)
        self.decimal = decimal
        self.thousands = thousands
        self.language = language

    def text(self, value) -> str:
        """A message, a marked constant (translated) or any other value (as text)."""
        if isinstance(value, Joined):
            return value.separator.join(self.text(item) for item in value.items)
        if isinstance(value, Message):
            return self._format(self.translate(value.template), value.params)
        if isinstance(value, str):
            return self.translate(value) if value else value
        if isinstance(value, bool) or value is None:
            return str(value)
        if isinstance(value, numbers.Real):
            return self.number(value)
        return str(value)

    def number(self, value, spec: str = "") -> str:
        """``value`` formatted with ``spec`` (default: thousands separators for integers, up to 4 significant
        digits for floats), with this language's separators."""
        if isinstance(value, bool):
            return str(value)
        if not spec:
            if isinstance(value, numbers.Integral) or (float(value).is_integer() and abs(value) < 1e15):
                spec, value = ",", int(value)
            else:
                spec = ",.4g"
        text = format(value, spec)
        return self._separators(text)

    def _separators(self, text: str) -> str:
        return text.replace(",", "\x00").replace(".", self.decimal).replace("\x00", self.thousands)

    def _format(self, template: str, params: tuple) -> str:
        try:
            parts = list(_FORMATTER.parse(template))
        except ValueError:
            return template
        out = []
        auto = 0
        for literal, name, spec, conversion in parts:
            out.append(literal)
            if name is None:
                continue
            if name == "":
                index, auto = auto, auto + 1
            elif name.isdigit():
                index = int(name)
            else:
                out.append("{" + name + "}")
                continue
            value = params[index] if index < len(params) else ""
            if conversion == "r":
                out.append(repr(value))
            elif isinstance(value, numbers.Real) and not isinstance(value, bool) and spec:
                out.append(self.number(value, spec))
            elif isinstance(value, (Message, Joined)):
                out.append(format(self.text(value), spec or ""))
            else:
                out.append(format(value, spec) if spec else str(value))
        return "".join(out)


ENGLISH = Localiser()
