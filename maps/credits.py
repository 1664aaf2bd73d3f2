"""The credits line of a map, built from the metadata every TerriData layer carries.

French open-data licences (Licence Ouverte 2.0) require the source and the date of its last update: each layer
gives its producer, dataset, edition or update date and licence (``providers.layer_metadata``: the producer as the
metadata contact of role "originator", the dataset as the metadata title, the date as the "Updated by producer:"
history line, the licence in the licences; the ``terridata/attribution`` property or the first metadata right when
the layer says nothing more), e.g. "Sources : IGN – ADMIN EXPRESS COG, édition 2024 ; INSEE – recensement 2021 ;
réalisation : Ville de X, 30/11/2026".
"""

import re
from dataclasses import dataclass
from datetime import date

from ..providers.layer_metadata import ATTRIBUTION_PROPERTY
from ..toolbelt.i18n import tr
from .language import format_date, list_separator

UPDATED_PREFIX = "Updated by producer:"


@dataclass(frozen=True)
class SourceCredit:
    producer: str = ""
    dataset: str = ""
    updated: str = ""
    licence: str = ""
    attribution: str = ""

    def text(self, lang: str = "en") -> str:
        head = self.attribution
        if not head:
            head = " – ".join(part for part in (self.producer, self.dataset) if part)
        elif self.dataset and self.dataset not in head and self.producer and head == self.producer:
            head = f"{head} – {self.dataset}"
        if not head:
            return ""
        if self.updated and self.updated not in head:
            if re.fullmatch(r"\d{4}", self.updated):
                head += ", " + tr("edition {}", self.updated)
            else:
                head += ", " + tr("updated {}", _readable_date(self.updated, lang))
        if self.licence and self.licence not in head:
            head += f" ({self.licence})"
        return head


def _readable_date(text: str, lang: str) -> str:
    """An ISO date ("2024-03-15", or a date-time) in the map's language; any other text unchanged."""
    try:
        return format_date(date.fromisoformat(text[:10]), lang)
    except ValueError:
        return text


def layer_source_credit(layer) -> SourceCredit:
    """What ``layer``'s metadata says of its source (empty fields when it says nothing)."""
    metadata = layer.metadata()
    producer = ""
    for contact in metadata.contacts():
        if contact.role == "originator" or not producer:
            producer = contact.organization or contact.name
    updated = ""
    for line in metadata.history():
        if line.startswith(UPDATED_PREFIX):
            updated = line[len(UPDATED_PREFIX) :].strip()
    licences = [x for x in metadata.licenses() if x]
    attribution = layer.customProperty(ATTRIBUTION_PROPERTY, "") or next((r for r in metadata.rights() if r), "")
    return SourceCredit(
        producer=producer,
        dataset=metadata.title() if producer else "",
        updated=updated,
        licence=licences[0] if licences else "",
        attribution=str(attribution or ""),
    )


def credits_line(layers, extra=(), author: str = "", day: date = None, lang: str = "en") -> str:
    """ "Sources: A; B; user additions; map: author, date" (French: "Sources : A ; B ; réalisation : …")."""
    sources = []
    for layer in layers:
        text = layer_source_credit(layer).text(lang)
        if text and text not in sources:
            sources.append(text)
    sources.extend(c.strip() for c in extra if c and c.strip() and c.strip() not in sources)
    day = day or date.today()
    made = tr("map: {}, {}", author or "TerriData", format_date(day, lang))
    if not sources:
        return tr("Sources: not stated") + list_separator(lang) + made
    return tr("Sources: {}", list_separator(lang).join([*sources, made]))
