"""Which file of a data.gouv.fr resource to download: original, Parquet or GeoJSON conversion, PMTiles (pure)."""

from __future__ import annotations

import pytest

from terridata.core.tabular.converted import choose_download, display_tiles

# the extras data.gouv.fr's analysis service (hydra) writes on a converted CSV resource
EXTRAS = {
    "analysis:parsing:parsing_table": "abc123",
    "analysis:parsing:parquet_url": "https://object.files.data.gouv.fr/hydra-parquet/hydra-parquet/abc123.parquet",
    "analysis:parsing:parquet_size": 123456,
    "analysis:parsing:geojson_url": "https://object.files.data.gouv.fr/hydra-geojson/hydra-geojson/abc123.geojson",
    "analysis:parsing:geojson_size": "987654",
    "analysis:parsing:pmtiles_url": "https://object.files.data.gouv.fr/hydra-pmtiles/hydra-pmtiles/abc123.pmtiles",
}


def test_parquet_preferred_when_gdal_reads_it():
    choice = choose_download("csv", EXTRAS, {"Parquet"})
    assert (choice.kind, choice.url, choice.size) == ("parquet", EXTRAS["analysis:parsing:parquet_url"], 123456)


@pytest.mark.parametrize("mode", ["xy", "wkt", "code", "none"])
def test_parquet_serves_every_geometry_mode(mode):
    assert choose_download("csv", EXTRAS, {"Parquet", "PMTiles"}, mode).kind == "parquet"


def test_geojson_without_the_parquet_driver():
    choice = choose_download("csv", EXTRAS, set())
    assert (choice.kind, choice.url, choice.size) == ("geojson", EXTRAS["analysis:parsing:geojson_url"], 987654)
    assert "no Parquet driver" in choice.reason


@pytest.mark.parametrize("mode", ["xy", "wkt", "code", "none"])
def test_geojson_only_for_automatic_geometry(mode):
    # the GeoJSON conversion carries points, not the columns these modes read: the original CSV is kept
    assert choose_download("csv", EXTRAS, set(), mode).kind == "original"


def test_original_when_filtered_not_csv_or_no_conversion():
    assert choose_download("csv", EXTRAS, {"Parquet"}, filtered=True).kind == "original"
    assert choose_download("geojson", EXTRAS, {"Parquet"}).kind == "original"
    assert choose_download("csv", {}, {"Parquet"}).kind == "original"
    assert choose_download("csv", None, set()).kind == "original"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/x.parquet", "data:text/html,x", "file:///etc/x"]
)
def test_conversion_urls_that_are_not_http_are_never_used(url):
    extras = {"analysis:parsing:parquet_url": url, "analysis:parsing:geojson_url": url}
    assert choose_download("csv", extras, {"Parquet"}).kind == "original"
    assert display_tiles({"analysis:parsing:pmtiles_url": url}, {"PMTiles"}) == ""


def test_parquet_with_bad_size_keeps_no_size():
    extras = {
        "analysis:parsing:parquet_url": EXTRAS["analysis:parsing:parquet_url"],
        "analysis:parsing:parquet_size": "n/a",
    }
    choice = choose_download("csv", extras, {"Parquet"})
    assert choice.kind == "parquet" and choice.size is None


def test_pmtiles_only_with_the_driver():
    assert display_tiles(EXTRAS, {"PMTiles"}) == EXTRAS["analysis:parsing:pmtiles_url"]
    assert display_tiles(EXTRAS, {"Parquet"}) == ""
    assert display_tiles({}, {"PMTiles"}) == ""
