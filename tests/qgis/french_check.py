"""Finds English left in a text meant for a French interface (issue 13): used by test_french_interface.py.

The detector looks for common English words that are not French words (function words and the plain words of
TerriData's interface: "the", "with", "field", "layer", "missing"…), after removing what is not prose: code spans,
URLs, identifiers (``com_code``, ``REPORT_HTML``, ``DS_POPULATIONS_REFERENCE``, ``geo.intersects``), upper-case
codes and CamelCase names (``GOOD``, ``SensorThings``) and the short allow-list of proper nouns and technical
terms below. A word list is not a language model: it is short, explicit, and fails loudly on the words a
technician would see.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Common English words that are not French words (checked lower-case). Words shared by both languages ("date",
# "code", "type", "format", "message", "total", "minimum", "points", "zones", "table", "distance", "simple",
# "commune", "on", "or", "a", "as", "an", "but", "pour", "son", "plus", "sort"…) are deliberately not here.
ENGLISH_WORDS = set(
    """
    the of and with without is are was were be been being this that these those which what when where while who
    whose how from into onto for by not no each every any all than then there their they them its it has have had
    will would should can could cannot must only also more less first last new old field fields layer layers value
    values file files output outputs input inputs name names number numbers check checks checked error errors
    warning warnings missing found invalid valid cancelled failed written read write choose give use used using
    empty none unknown yes step steps records record row rows column columns feature features settings search load
    download add show open save cell cells level levels rate rates weight sum mean median count counts people person
    persons households businesses between after before above below outside inside per out up off to in at if see may
    about again already always among around because both during either else enough ever few here however least like
    many might most much never next often other our over same several shall since some still such through too under
    until upon very want well whether why within yet your you we us do does done make made get got set sets let keep
    kept drop dropped dropping shown shows click press tick unticked ticked report reports table's layer's field's
    zone's point's time window start end default optional required allowed allow disables enabled disabled whole
    country others result results statistics statistic percentile percentiles category categories boundary
    boundaries grid width height title subtitle legend scale credits credit map maps print landscape passed
    suppressed hidden published hide publish exported refused refusal reason reasons assessment measures achieved
    loss share shares singling linkability inference residual risk
    """.split()
)

# Proper nouns, codes and technical terms a French text keeps as they are (matched case-sensitively, whole words
# or phrases), and machine values shown in code or quotes.
ALLOWED = [
    "open data",
    "Table Schema",
    "Hub'Eau",
    "SensorThings",
    "OGC SensorThings API",
    "Datastreams",
    "Datastream",
    "MultiDatastream",
    "MultiDatastreams",
    "Things",
    "Thing",
    "Location",
    "Locations",
    "Ring self-intersection",
    "[redacted]",
    "make valid",
    "Frictionless",
    "GeoPackage",
    "Plan IGN",
    "Licence Ouverte",
    "Etalab",
    "ADMIN EXPRESS",
    "BD TOPO",
    "Web Mercator",
    "Natural Earth",
    "ColorBrewer",
    "Excel",
    "Allshouse et al.",
    "Opendatasoft",
    "Melodi",
    "Basic",
    "Parquet",
    "dataArray",
    "phenomenonTime",
    "resultQuality",
    "eaufrance",
    "Naïades",
    "anciensCodes",
    "ioos_qc",
    "IOOS",
    "QARTOD",
    "gross range",
    "spike",
    "rate of change",
    "flat line",
]

_URL = re.compile(r"\b(?:https?|file)://\S+|\b[\w.-]+\.(?:fr|org|com|net|io)\b\S*")
_IDENTIFIER = re.compile(
    r"\b\w*[_./:@#|=\\]\w[\w./:@#|=\\-]*\b"  # com_code, geo.intersects, fr:commune:91228, BDTOPO_V3:cours_d_eau
    r"|\b\w*\d\w*\b"  # anything with a digit: 2A, 15min, EPSG, p90
)
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ][A-Za-zÀ-ÖØ-öø-ÿŒœ'’-]*")


class _Text(HTMLParser):
    """Visible text of HTML, without the contents of ``<code>``, ``<style>``, ``<script>``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("code", "style", "script", "tt", "pre"):
            self.skip += 1
        elif tag in ("p", "li", "br", "td", "th", "h1", "h2", "h3", "h4", "div", "tr", "title"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("code", "style", "script", "tt", "pre") and self.skip:
            self.skip -= 1
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    return "".join(parser.parts)


def prose(text: str) -> str:
    """``text`` without code spans, URLs, identifiers and allowed terms: what is left must read as French."""
    text = html.unescape(text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"«\s*[\w.:/-]+\s*»", " ", text)  # a machine value quoted the French way: « wms »
    text = re.sub(r'"[^"\s]*"', " ", text)  # JSON keys and values: {"field": …}, "default"
    text = _URL.sub(" ", text)
    for term in sorted(ALLOWED, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(term) + r"(?!\w)", " ", text)
    return _IDENTIFIER.sub(" ", text)


def english_words(text: str) -> list:
    """The English words found in ``text`` (empty when it reads as French)."""
    found = []
    for word in _WORD.findall(prose(text)):
        core = word.strip("'’-")
        if len(core) < 2 or core.isupper() or any(c.isupper() for c in core[1:]):
            continue  # codes (GOOD, EPCI) and CamelCase names (SensorThings)
        parts = re.split(r"['’-]", core.lower())
        if "-" in core and any(len(part) <= 3 and part.isascii() for part in parts):
            continue  # a code written with hyphens: cc-by-sa, odc-by
        if any(part in ENGLISH_WORDS for part in parts):
            found.append(word)
    return found
