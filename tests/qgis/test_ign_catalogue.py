"""The IGN provider's catalogue: capabilities fetched through the network layer (and its cache) from a local server
replaying the Géoplateforme's documents, merged with the curated entries, searched instantly."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from werkzeug.wrappers import Response

from terridata.providers.ign.catalogue import (
    IgnProvider,
    add_wfs_endpoint,
    clear_catalogue_cache,
    parse_extra_endpoints,
)
from terridata.providers.model import AccessKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ign"
WFS_XML = (FIXTURES / "wfs_capabilities.xml").read_text(encoding="utf-8")
WMTS_XML = (FIXTURES / "wmts_capabilities.xml").read_text(encoding="utf-8")


def big_wfs_capabilities(n: int) -> str:
    """The fixture with ``n`` extra feature types (the real catalogue has hundreds)."""
    extra = "".join(
        f"""<FeatureType><Name>THEME_{i % 40}:couche_{i}</Name><Title>Couche numéro {i} – thème {i % 40}</Title>
        <Abstract>Données de test {i} : réseau, équipement, végétation, hydrographie.</Abstract>
        <ows:Keywords><ows:Keyword>Thème {i % 40}</ows:Keyword></ows:Keywords>
        <DefaultCRS>urn:ogc:def:crs:EPSG::4326</DefaultCRS>
        <ows:WGS84BoundingBox><ows:LowerCorner>-5 41</ows:LowerCorner>
        <ows:UpperCorner>10 51</ows:UpperCorner></ows:WGS84BoundingBox>
        </FeatureType>"""
        for i in range(n)
    )
    return WFS_XML.replace("</FeatureTypeList>", extra + "</FeatureTypeList>")


class Replay:
    def __init__(self, wfs=WFS_XML, wmts=WMTS_XML, wmts_status=200):
        self.wfs, self.wmts, self.wmts_status = wfs, wmts, wmts_status
        self.calls = []

    def __call__(self, request):
        self.calls.append((request.path, dict(request.args)))
        if request.path.endswith("/wmts"):
            return Response(self.wmts, status=self.wmts_status, content_type="application/xml")
        return Response(self.wfs, content_type="application/xml")


@pytest.fixture()
def services(httpserver, monkeypatch, tmp_path):
    # A path of its own per test: the network layer's disk cache must not answer from another test's documents.
    prefix = f"/{uuid.uuid4().hex[:8]}"

    def start(replay: Replay) -> Replay:
        httpserver.expect_request(f"{prefix}/wfs/ows").respond_with_handler(replay)
        httpserver.expect_request(f"{prefix}/wmts").respond_with_handler(replay)
        return replay

    start.prefix = prefix
    monkeypatch.setenv("TERRIDATA_IGN_WFS_URL", httpserver.url_for(f"{prefix}/wfs/ows"))
    monkeypatch.setenv("TERRIDATA_IGN_WMTS_URL", httpserver.url_for(f"{prefix}/wmts"))
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WFS", "1000/1")
    monkeypatch.setenv("TERRIDATA_RATE_IGN_WMTS", "1000/1")
    monkeypatch.setenv("TERRIDATA_MAX_RETRIES", "0")
    monkeypatch.setenv("TERRIDATA_EXTRA_WFS_ENDPOINTS", "")
    clear_catalogue_cache()
    yield start
    clear_catalogue_cache()


def test_catalogue_merges_curated_and_capabilities_and_is_cached(qgis_app, services, httpserver):
    replay = services(Replay())
    provider = IgnProvider()
    datasets = {d.id: d for d in provider.datasets()}
    assert provider.errors == []
    assert (
        f"{services.prefix}/wfs/ows",
        {"SERVICE": "WFS", "VERSION": "2.0.0", "REQUEST": "GetCapabilities"},
    ) in replay.calls
    commune = datasets["ADMINEXPRESS-COG-CARTO.LATEST:commune"]
    assert commune.curated and commune.title.en == "Municipalities (ADMIN EXPRESS)"
    assert commune.extent is not None and commune.extent.xmin == -63.153  # completed from the capabilities
    assert commune.access(AccessKind.WFS).url == httpserver.url_for(f"{services.prefix}/wfs/ows")
    river = datasets["BDTOPO_V3:cours_d_eau"]
    assert not river.curated and river.title.fr == "BDTOPO : Cours d'eau"
    plan = datasets["GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2"].access(AccessKind.WMTS)
    assert plan.tile_matrix_set == "PM" and plan.url == httpserver.url_for(f"{services.prefix}/wmts")
    calls = len(replay.calls)
    IgnProvider().datasets()
    assert len(replay.calls) == calls  # second listing served by the network layer's cache
    assert [d.id for d in provider.search("cours eau")] == ["BDTOPO_V3:cours_d_eau"]
    assert provider.search("batiments")[0].id == "BDTOPO_V3:batiment"


def test_search_is_instant_on_hundreds_of_layers(qgis_app, services, monkeypatch):
    import terridata.providers.ign.catalogue as catalogue

    services(Replay(wfs=big_wfs_capabilities(600)))
    provider = IgnProvider()
    assert len(provider.datasets()) > 600
    parsed = []  # counted, not timed: a busy machine cannot make this fail, a catalogue parsed again does
    for kind, (name, version, parse) in list(catalogue._PARSERS.items()):

        def counting(*args, _parse=parse, _kind=kind):
            parsed.append(_kind)
            return _parse(*args)

        monkeypatch.setitem(catalogue._PARSERS, kind, (name, version, counting))
    found = provider.search("couche numero 599 theme 39")
    assert [d.id for d in found] == ["THEME_39:couche_599"]
    assert parsed == []  # XML cached and already parsed: only the scan
    assert len(provider.search("hydrographie")) == 601  # the 600 generated + BDTOPO_V3:cours_d_eau


def test_a_broken_catalogue_is_reported_and_the_others_still_listed(qgis_app, services):
    services(Replay(wmts="<html>Service en maintenance</html>", wmts_status=200))
    provider = IgnProvider()
    ids = {d.id for d in provider.datasets()}
    assert "BDTOPO_V3:cours_d_eau" in ids and "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in ids  # curated stays
    assert len(provider.errors) == 1 and "WMTS" in provider.errors[0] and "not valid XML" in provider.errors[0]


def test_a_catalogue_lacking_a_section_keeps_its_layers_and_says_what_is_missing(qgis_app, services):
    import re

    without = re.sub(r"<ows:OperationsMetadata>.*</ows:OperationsMetadata>", "", WFS_XML, flags=re.S)
    services(Replay(wfs=without))
    provider = IgnProvider()
    ids = {d.id for d in provider.datasets()}
    assert "BDTOPO_V3:cours_d_eau" in ids  # listed by the capabilities only, not curated
    assert provider.errors == []
    assert len(provider.warnings) == 1 and "no OperationsMetadata section" in provider.warnings[0]


def test_server_error_on_capabilities(qgis_app, services):
    services(Replay(wmts="Internal error", wmts_status=500))
    provider = IgnProvider()
    provider.datasets()
    assert len(provider.errors) == 1 and "500" in provider.errors[0]


def test_extra_wfs_endpoints(qgis_app, services, httpserver, monkeypatch):
    services(Replay())
    assert parse_extra_endpoints("Région A|https://a.fr/wfs; https://b.fr/geoserver/ows") == [
        ("Région A", "https://a.fr/wfs"),
        ("b.fr", "https://b.fr/geoserver/ows"),
    ]
    with pytest.raises(ValueError, match="Invalid WFS endpoint"):
        parse_extra_endpoints("oops|ftp://x")
    monkeypatch.setenv(
        "TERRIDATA_EXTRA_WFS_ENDPOINTS", f"Miroir|{httpserver.url_for(services.prefix + '/wfs/ows')}?mirror=1"
    )
    provider = IgnProvider()
    assert [n for n, _ in provider.wfs_endpoints()] == ["IGN Géoplateforme", "Miroir"]
    ids = {d.id for d in provider.datasets()}
    assert "Miroir/BDTOPO_V3:cours_d_eau" in ids and "BDTOPO_V3:cours_d_eau" in ids


def test_add_wfs_endpoint_setting(qgis_app, monkeypatch):
    from terridata.toolbelt.settings import PlgSettings

    monkeypatch.delenv("TERRIDATA_EXTRA_WFS_ENDPOINTS", raising=False)
    PlgSettings.set_value("extra_wfs_endpoints", "")
    try:
        add_wfs_endpoint("Plateforme régionale", "https://geo.example.fr/wfs")
        add_wfs_endpoint("Plateforme régionale", "https://geo.example.fr/wfs")  # no duplicate
        assert parse_extra_endpoints(PlgSettings.get().extra_wfs_endpoints) == [
            ("Plateforme régionale", "https://geo.example.fr/wfs")
        ]
    finally:
        from qgis.core import QgsSettings

        QgsSettings().remove("terridata/extra_wfs_endpoints")
