"""The help renderer (core/help_markdown.py): Markdown subset of resources/help -> HTML of the Processing dialog."""

from html.parser import HTMLParser

from terridata.core import help_markdown

HELP = """# Aggregate points to zones

Counts the points that fall in each zone
and summarises their fields: a sentence wrapped
over three lines.

## Parameters
- INPUT (Points): the point layer; its CRS
  is read from the layer.
- STATISTICS: any of `count`, `sum`, `mean`; columns are named
`<field>_<statistic>` (e.g. `value_mean`).
- CATEGORY: one column <field>_<value> per value & a `<field>_null` column.

1. first step, see OUTPUT
2. second step

See [the README](README.md) and **this**.
"""


class _Text(HTMLParser):
    """Visible text and tags of an HTML fragment, as a browser parses it."""

    def __init__(self):
        super().__init__()
        self.text, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_paragraphs_are_joined_and_lists_built():
    html = help_markdown.to_html(HELP, ["INPUT", "STATISTICS", "CATEGORY", "OUTPUT"])
    assert "\n" not in html  # the Processing dialog makes a paragraph of every line
    assert "<br" not in html
    assert (
        "<p>Counts the points that fall in each zone and summarises their fields: a sentence wrapped over three "
        "lines.</p>" in html
    )
    assert "<h3>Parameters</h3>" in html
    assert html.count("<li>") == 5
    assert "<li><b>INPUT</b> (Points): the point layer; its CRS is read from the layer.</li>" in html
    assert "<ol><li>first step, see <b>OUTPUT</b></li><li>second step</li></ol>" in html
    assert '<a href="README.md">the README</a>' in html and "<b>this</b>" in html
    # The title is the dialog's own (algorithm name): not repeated.
    assert "Aggregate points to zones" not in html


def test_angle_brackets_and_code_spans_show_as_written():
    html = help_markdown.to_html(HELP, ["INPUT", "STATISTICS", "CATEGORY"])
    visible = "".join(parse(html).text)
    assert "<field>_<statistic>" in visible  # a code span wrapped onto the next line of the item
    assert "one column <field>_<value> per value & a <field>_null column" in visible
    assert "`" not in visible
    assert "<code>&lt;field&gt;_&lt;statistic&gt;</code>" in html
    assert "<code>count</code>" in html
    assert set(parse(html).tags) <= {"p", "h3", "ul", "ol", "li", "b", "code", "a"}


def test_parameter_names_in_bold_without_the_list_of_names():
    """scripts/build_help.py has no QGIS: the names that start list items are the parameter names."""
    html = help_markdown.to_html(HELP)
    assert "<b>INPUT</b>" in html and "<b>STATISTICS</b>" in html and "<b>CATEGORY</b>" in html
    assert "<b>OUTPUT</b>" not in html  # not a list item's name here


def test_page_is_a_complete_html_document():
    page = help_markdown.page(HELP, "fr", "aggregate_points_to_zones", "footer & note")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page and '<meta charset="utf-8">' in page
    assert "<title>Aggregate points to zones</title>" in page and "<h1>Aggregate points to zones</h1>" in page
    assert "<h2>Parameters</h2>" in page and "footer &amp; note" in page
    untitled = help_markdown.page("Just text.", "en", "some_algorithm")
    assert "<h1>some_algorithm</h1>" in untitled and "<p>Just text.</p>" in untitled
