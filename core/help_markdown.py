"""Render the Markdown subset of the algorithms' help (``resources/help/<lang>/<name>.md``) to HTML.

Standard library only: the Processing dialog uses it (through ``processing/base.py``), and so does
``scripts/build_help.py`` at package time, with ``/usr/bin/python3`` and without QGIS.

The subset, what the help files use:

- ``# Title`` (first line, optional): the page title; the Processing dialog shows the algorithm's name instead.
- ``## Section``: a section title.
- Paragraphs separated by a blank line; the lines of a paragraph are joined (a wrapped sentence reads as one).
- ``- item`` / ``* item`` bullet lists and ``1. item`` numbered lists; the lines that follow an item (indented or
  not) continue it, until a blank line or the next item.
- ```code``` spans, ``**bold**``, ``[text](url)`` links.
- Every ``<``, ``>`` and ``&`` of the text is escaped: ``<field>_<statistic>`` shows as written.
- Parameter names (the algorithm's ``INPUT``, ``OUTPUT``…) are shown in bold wherever they appear outside code;
  without the list of names, the upper-case names that start list items (``INPUT (Points): …``) are taken.

The HTML holds no line break: the Processing dialog makes a paragraph of every line of the help string.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Optional

_ITEM = re.compile(r"^\s*(?:([-*])|(\d+)[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_LEADING_NAME = re.compile(r"[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)*")


def split_title(text: str) -> tuple:
    """``(title, rest)``: the ``# Title`` first line of a help text (``""`` without one) and the text after it."""
    lines = text.lstrip("\ufeff").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and re.match(r"^#\s+\S", lines[0]):
        return lines[0].lstrip("#").strip(), "\n".join(lines[1:])
    return "", "\n".join(lines)


def inline(text: str, names: Optional[Iterable[str]] = None) -> str:
    """One line or paragraph of Markdown text as HTML (escaped, code spans, bold, links, parameter names)."""
    pieces = []
    last = 0
    for match in _CODE.finditer(text):
        pieces.append(_plain(text[last : match.start()], names))
        pieces.append(f"<code>{html.escape(match.group(1), quote=False)}</code>")
        last = match.end()
    pieces.append(_plain(text[last:], names))
    return "".join(pieces)


def _plain(text: str, names: Optional[Iterable[str]]) -> str:
    links = []

    def keep_link(match):
        links.append((match.group(1), match.group(2)))
        return f"\x00{len(links) - 1}\x00"

    text = _LINK.sub(keep_link, text)
    text = html.escape(text, quote=False)
    text = _BOLD.sub(r"<b>\1</b>", text)
    if names:
        pattern = r"(?<![\w<])(" + "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True)) + r")\b"
        text = re.sub(pattern, r"<b>\1</b>", text)

    def link(match):
        label, url = links[int(match.group(1))]
        return f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>'

    text = re.sub(r"\x00(\d+)\x00", link, text)
    return text.replace("<b><b>", "<b>").replace("</b></b>", "</b>")


def _blocks(text: str) -> list:
    """``[(kind, payload)]``: ``("h", (level, text))``, ``("p", text)``, ``("ul"|"ol", [item text, …])``."""
    blocks = []
    paragraph: list = []
    items: list = []
    kind = ""

    def flush():
        nonlocal paragraph, items, kind
        if paragraph:
            blocks.append(("p", " ".join(paragraph)))
        if items:
            blocks.append((kind, [" ".join(item) for item in items]))
        paragraph, items, kind = [], [], ""

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        heading = _HEADING.match(line)
        if heading and not raw.startswith(" "):
            flush()
            blocks.append(("h", (len(heading.group(1)), heading.group(2))))
            continue
        item = _ITEM.match(raw)
        if item:
            if paragraph:
                flush()
            item_kind = "ul" if item.group(1) else "ol"
            if items and item_kind != kind:
                flush()
            kind = item_kind
            items.append([item.group(3).strip()])
            continue
        if items:
            items[-1].append(line)
        else:
            paragraph.append(line)
    flush()
    return blocks


def leading_names(blocks: list) -> list:
    """Upper-case names that start a list item (``INPUT (Points): …``, ``K — …``, ``POINTS_IN_ZONES,
    POINTS_OUTSIDE: …``): the parameter and output names when the caller does not know them (e.g.
    scripts/build_help.py)."""
    names = []
    for kind, payload in blocks:
        for item in payload if kind in ("ul", "ol") else []:
            head = re.split(r"\s*(?:\(|—|–|:)", item, maxsplit=1)[0]
            parts = [part.strip() for part in head.split(",")]
            if parts and all(_LEADING_NAME.fullmatch(part) for part in parts):
                names += parts
    return names


def to_html(text: str, names: Optional[Iterable[str]] = None, heading_offset: int = 1) -> str:
    """HTML of a help text, on one line. ``## Section`` becomes ``<h{2 + heading_offset}>``; a ``# Title`` first
    line is left out (see :func:`split_title`)."""
    _, body = split_title(text)
    blocks = _blocks(body)
    names = [n for n in (names or []) if n] or leading_names(blocks)
    out = []
    for kind, payload in blocks:
        if kind == "h":
            level = min(6, payload[0] + heading_offset)
            out.append(f"<h{level}>{inline(payload[1], names)}</h{level}>")
        elif kind == "p":
            out.append(f"<p>{inline(payload, names)}</p>")
        else:
            rendered = "".join(f"<li>{inline(item, names)}</li>" for item in payload)
            out.append(f"<{kind}>{rendered}</{kind}>")
    return "".join(out)


PAGE_STYLE = (
    "body{font-family:sans-serif;max-width:52em;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}"
    "h1{font-size:1.6em;border-bottom:1px solid #ccc;padding-bottom:.2em}h2{font-size:1.25em;margin-top:1.4em}"
    "code{background:#f2f2f2;padding:0 .2em;border-radius:3px}li{margin:.25em 0}"
    "footer{margin-top:3em;color:#666;font-size:.9em}"
)


def page(text: str, language: str, fallback_title: str, footer: str = "") -> str:
    """A complete HTML page (UTF-8) of a help text, for the Help button of the Processing dialog (offline)."""
    title, _ = split_title(text)
    title = title or fallback_title
    body = to_html(text, heading_offset=0)
    footer_html = f"<footer>{html.escape(footer, quote=False)}</footer>" if footer else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title, quote=False)}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{html.escape(title, quote=False)}</h1>\n{body}\n{footer_html}\n</body>\n</html>\n"
    )
