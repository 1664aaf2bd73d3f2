"""terridata:export_atlas: one page per feature, checked on the PDF (page count, per-page titles and statistics),
per-page files, cancellation, and from qgis_process."""

import sqlite3

import pytest
from map_readback import flat, keep_picture, pdf_page_image, pdf_pages, pdf_text
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsProject, QgsVectorLayer

FILTER = '"population_2021" > 30000'


@pytest.fixture()
def communes(qgis_app, sample_gpkg):
    layer = QgsVectorLayer(f"{sample_gpkg}|layername=communes", "communes", "ogr")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


@pytest.fixture(autouse=True)
def _no_layouts_left(qgis_app):
    yield
    project = QgsProject.instance()
    for layout in list(project.layoutManager().printLayouts()):
        project.layoutManager().removeLayout(layout)
    root = project.layerTreeRoot()
    for group in [g for g in root.children() if g.name().startswith(("Map: ", "Atlas"))]:
        for node in group.findLayers():
            project.removeMapLayer(node.layerId())
        root.removeChildNode(group)


def _big_communes(gpkg) -> list:
    """(name, population, households) of the communes over 30,000 inhabitants, by name: computed with SQLite."""
    with sqlite3.connect(gpkg) as db:
        rows = db.execute(
            "SELECT nom, population_2021, menages_2021 FROM communes WHERE population_2021 > 30000"
        ).fetchall()
    return sorted(rows, key=lambda row: row[0])


def _params(communes, target, **extra):
    return {
        "COVERAGE": communes,
        "NAME_FIELD": "nom",
        "FILTER": FILTER,
        "SORT": '"nom"',
        "STATS_FIELDS": ["population_2021", "menages_2021"],
        "INPUT": communes,
        "FIELD": "superficie_km2",
        "SUBTITLE": "Communes de plus de 30 000 habitants",
        "AUTHOR": "Service SIG",
        "DPI": 72,
        "OUTPUT": str(target),
        **extra,
    }


def test_atlas_pdf_has_one_page_per_feature_with_its_title_and_statistics(
    qgis_processing, terridata_provider, communes, sample_gpkg, tmp_path
):
    import processing

    expected = _big_communes(sample_gpkg)
    assert len(expected) >= 3
    target = tmp_path / "atlas.pdf"
    result = processing.run("terridata:export_atlas", _params(communes, target))
    assert result["PAGES"] == len(expected) == pdf_pages(target)
    for page, (name, population, households) in enumerate(expected, start=1):
        text = pdf_text(target, page)
        assert text.strip().splitlines()[0].strip() == name  # the page title is the page's own name
        flat_text = flat(text)
        assert f"population_2021: {population:,}" in flat_text
        assert f"menages_2021: {households:,}" in flat_text
        assert "Sources:" in flat_text and "map: Service SIG" in flat_text
        # The scale bar of each page: two segments of a round length (1, 2 or 5 × 10^k km).
        bar = next(line for line in text.splitlines() if line.strip().endswith(" km")).split()[:-1]
        zero, first, second = (float(v) for v in bar)
        assert zero == 0 and second == 2 * first
        assert f"{first:.0e}"[0] in "125" and float(f"{first:.0e}") == first
    picture = pdf_page_image(target, 2, dpi=70)
    keep_picture(picture, "export_atlas-page2.png")
    assert (tmp_path / "atlas.qpt").exists()
    assert not list(tmp_path.glob(".*"))


def test_atlas_one_file_per_page_named_from_the_field(
    qgis_processing, terridata_provider, communes, sample_gpkg, tmp_path
):
    import processing

    expected = _big_communes(sample_gpkg)
    target = tmp_path / "pages.png"
    result = processing.run("terridata:export_atlas", _params(communes, target, MODE=1))
    files = sorted(p.name for p in tmp_path.glob("pages-*.png"))
    assert files == sorted(f"pages-{name}.png" for name, _, _ in expected)
    assert result["PAGES"] == len(expected)
    assert not (tmp_path / "pages.png").exists()
    keep_picture(tmp_path / f"pages-{expected[0][0]}.png", "export_atlas-page-png.png")


def test_a_multi_page_atlas_must_be_a_pdf(qgis_processing, terridata_provider, communes, tmp_path):
    import processing

    with pytest.raises(QgsProcessingException, match="must end in .pdf"):
        processing.run("terridata:export_atlas", _params(communes, tmp_path / "a.png"))
    with pytest.raises(QgsProcessingException, match="no feature"):
        processing.run("terridata:export_atlas", _params(communes, tmp_path / "a.pdf", FILTER="\"nom\" = 'Nowhere'"))
    assert not list(tmp_path.iterdir())


class _CancelAfterFirstPage(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.progressChanged.connect(self._maybe_cancel)

    def _maybe_cancel(self, progress):
        if 0 < progress < 100:
            self.cancel()


@pytest.mark.parametrize(("mode", "suffix"), [(0, "pdf"), (1, "png")])
def test_cancelling_during_the_pages_writes_nothing(
    qgis_processing, terridata_provider, communes, tmp_path, mode, suffix
):
    import processing

    with pytest.raises(QgsProcessingException, match="Cancelled"):
        processing.run(
            "terridata:export_atlas",
            _params(communes, tmp_path / f"atlas.{suffix}", MODE=mode),
            feedback=_CancelAfterFirstPage(),
        )
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".pdf", ".png", ".qpt")]
    assert not list(tmp_path.glob(".*"))


def test_atlas_from_qgis_process(qgis_process_profile, sample_gpkg, tmp_path):
    from qgis_process_helper import run_qgis_process

    target = tmp_path / "atlas.pdf"
    result = run_qgis_process(
        "terridata:export_atlas",
        {
            "COVERAGE": f"{sample_gpkg}|layername=communes",
            "NAME_FIELD": "nom",
            "FILTER": FILTER,
            "FIELD": "population_2021",
            "KIND": 1,
            "TITLE": 'Commune : [% "nom" %]',
            "DPI": 72,
            "OUTPUT": str(target),
        },
    )
    expected = _big_communes(sample_gpkg)
    assert int(result["results"]["PAGES"]) == len(expected) == pdf_pages(target)
    titles = {pdf_text(target, page).strip().splitlines()[0].strip() for page in range(1, len(expected) + 1)}
    assert titles == {f"Commune : {name}" for name, _, _ in expected}
