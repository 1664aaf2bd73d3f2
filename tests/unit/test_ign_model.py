"""The common dataset model (providers/model.py) and the provider registry: no QGIS application needed."""

from __future__ import annotations

import pytest

from terridata.providers.model import (
    Access,
    AccessKind,
    Capability,
    Dataset,
    Extent,
    LocalizedText,
    Provider,
    normalize_text,
    search_datasets,
)
from terridata.providers.registry import ProviderRegistry


def ds(id_, fr="", en="", keywords=(), curated=False, description="", accesses=()):
    return Dataset(
        id=id_,
        provider_id="test",
        title=LocalizedText(fr, en),
        description=LocalizedText(fr=description),
        keywords=keywords,
        curated=curated,
        accesses=accesses,
    )


def test_localized_text_falls_back_to_the_other_language():
    text = LocalizedText(fr="Communes", en="")
    assert text.get("en") == "Communes" and text.get("fr-FR") == "Communes"
    assert LocalizedText.of({"fr": "Bâti", "en": "Buildings"}).get("en") == "Buildings"
    assert LocalizedText.of("x") == LocalizedText("x", "x")


def test_normalize_text_removes_accents_case_and_punctuation():
    assert normalize_text("Région, Île-de-France : BÂTIMENTS") == "region ile de france batiments"
    assert normalize_text("Tronçon_de_route") == "troncon de route"
    assert normalize_text("Œuvre") == "oeuvre"


def test_search_is_accent_insensitive_word_prefix_and_ranked():
    datasets = [
        ds("BDTOPO_V3:batiment", "BDTOPO : Bâtiments", keywords=("Bâti",)),
        ds("X:cours_d_eau", "Cours d'eau", description="Rivières et fleuves"),
        ds("ADMIN:commune", "Communes", "Municipalities", curated=True, keywords=("limites administratives",)),
        ds("Y:batiment_remarquable", "Patrimoine", description="Bâtiments remarquables"),
    ]
    assert [d.id for d in search_datasets(datasets, "batiment")] == ["BDTOPO_V3:batiment", "Y:batiment_remarquable"]
    assert [d.id for d in search_datasets(datasets, "RIVIERE")] == ["X:cours_d_eau"]
    assert [d.id for d in search_datasets(datasets, "limites admin")] == ["ADMIN:commune"]
    assert [d.id for d in search_datasets(datasets, "municipal")] == ["ADMIN:commune"]
    assert search_datasets(datasets, "batiment zzz") == []
    assert search_datasets(datasets, "atiment") == []  # word prefixes, not any substring
    assert search_datasets(datasets, "")[0].id == "ADMIN:commune"  # curated first


def test_search_is_instant_on_a_large_catalogue(monkeypatch):
    """Searching scans text normalised once per dataset: a second search normalises only the query and the
    datasets found (counted, not timed, so a busy machine cannot make it fail)."""
    import terridata.providers.model as model

    datasets = [ds(f"LAYER.{i}:name_{i}", f"Titre numéro {i}", description=f"Résumé {i} " * 20) for i in range(2000)]
    search_datasets(datasets, "warm up")
    calls = []
    normalize = model.normalize_text

    def counting(text):
        calls.append(text)
        return normalize(text)

    monkeypatch.setattr(model, "normalize_text", counting)
    found = search_datasets(datasets, "titre numero 1999")
    assert [d.id for d in found] == ["LAYER.1999:name_1999"]
    assert len(calls) <= 1 + len(found)  # the query, then the title of each dataset found (ranking)


def test_extent_checks():
    with pytest.raises(ValueError):
        Extent(2, 0, 1, 1)
    a = Extent(0, 0, 2, 2)
    assert a.intersects(Extent(1, 1, 3, 3)) and not a.intersects(Extent(3, 3, 4, 4))


def test_wfs_and_wmts_qgis_uris():
    wfs = Access(AccessKind.WFS, "https://data.geopf.fr/wfs/ows", "BDTOPO_V3:batiment", crs=("EPSG:2154",))
    uri = wfs.qgis_uri()
    assert wfs.qgis_provider == "WFS"
    assert "typename='BDTOPO_V3:batiment'" in uri and "version='2.0.0'" in uri and "srsname='EPSG:2154'" in uri
    wmts = Access(
        AccessKind.WMTS,
        "https://data.geopf.fr/wmts",
        "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2",
        ("image/png",),
        tile_matrix_set="PM",
        style="normal",
    )
    parts = dict(p.split("=", 1) for p in wmts.qgis_uri().split("&"))
    assert wmts.qgis_provider == "wms"
    assert parts["tileMatrixSet"] == "PM" and parts["format"] == "image/png" and parts["styles"] == "normal"
    assert parts["url"] == "https://data.geopf.fr/wmts%3FSERVICE%3DWMTS%26REQUEST%3DGetCapabilities"
    assert Access(AccessKind.API, "x").qgis_uri() == ""


def test_merged_with_keeps_curated_fields_and_adds_remote_ones():
    curated = ds("A:b", "Titre FR", "Title EN", keywords=("k1",), curated=True)
    curated.licence = "LO 2.0"
    remote = ds("A:b", "Remote title", keywords=("k2",), description="Remote abstract")
    remote.extent = Extent(0, 0, 1, 1)
    remote.accesses = (Access(AccessKind.WFS, "u", "A:b"),)
    merged = curated.merged_with(remote)
    assert merged.title == LocalizedText("Titre FR", "Title EN") and merged.licence == "LO 2.0"
    assert merged.description.fr == "Remote abstract" and merged.extent == Extent(0, 0, 1, 1)
    assert merged.keywords == ("k1", "k2") and merged.access(AccessKind.WFS).url == "u"
    assert merged.can_download() and merged.can_add_to_map()


class FakeProvider(Provider):
    id = "fake"  # noqa: A003
    name = "Fake"
    capabilities = frozenset({Capability.CATALOGUE, Capability.SEARCH})

    def datasets(self, feedback=None):
        found = [ds("one", "Premier jeu"), ds("two:x", "Second jeu")]
        for d in found:
            d.provider_id = self.id
        return found


def test_registry_register_get_search_and_dataset_keys():
    reg = ProviderRegistry(discover=False)
    reg.register(FakeProvider())
    with pytest.raises(ValueError):
        reg.register(FakeProvider())
    assert reg.get("fake").name == "Fake" and "fake" in reg
    with pytest.raises(KeyError, match="Unknown dataset provider 'nope'"):
        reg.get("nope")
    assert [p.id for p in reg.providers(Capability.SEARCH)] == ["fake"]
    assert reg.providers(Capability.GEOCODING) == []
    assert [d.key for d in reg.search("second")] == ["fake:two:x"]
    assert reg.dataset("fake:two:x").title.fr == "Second jeu"


def test_registry_discovers_the_ign_provider():
    reg = ProviderRegistry()
    assert "ign" in reg, reg.discovery_errors
    ign = reg.get("ign")
    assert ign.can(Capability.DOWNLOAD) and ign.can(Capability.GEOCODING)
