"""The sensor dataset providers in the common model and the SensorThings endpoints setting."""

from __future__ import annotations

from terridata.providers.model import AccessKind
from terridata.providers.registry import ProviderRegistry
from terridata.providers.sensors.endpoints import PRESETS, endpoints, parse_endpoints, resolve


def test_registry_discovers_both_sensor_providers():
    registry = ProviderRegistry()
    assert {"sensorthings", "hubeau"} <= {p.id for p in registry.providers()}
    assert "sensors" not in registry.discovery_errors
    hubeau = registry.get("hubeau")
    datasets = {d.id: d for d in hubeau.datasets()}
    assert set(datasets) == {"hydrometry_realtime", "hydrometry_elaborated", "piezometry", "piezometry_realtime",
                             "river_quality"}  # fmt: skip
    piezo = datasets["piezometry"]
    assert piezo.licence == "Licence Ouverte 2.0" and "BRGM" in piezo.attribution
    assert piezo.access(AccessKind.API).service == "hubeau"
    assert registry.dataset("hubeau:river_quality").producer.startswith("Naïades")


def test_endpoints_setting_and_presets(monkeypatch):
    assert parse_endpoints(" A | https://a.example/v1.1/ ; https://b.example/v1.0;;") == [
        ("A", "https://a.example/v1.1"),
        ("https://b.example/v1.0", "https://b.example/v1.0"),
    ]
    monkeypatch.setenv("TERRIDATA_SENSORTHINGS_ENDPOINTS", f"Mine|https://mine.example/v1.1;Dup|{PRESETS[0][1]}")
    found = endpoints()
    assert found[0] == ("Mine", "https://mine.example/v1.1")
    assert [url for _, url in found].count(PRESETS[0][1]) == 1
    assert len(found) == 1 + len(PRESETS)
    assert resolve("mine") == "https://mine.example/v1.1"
    assert resolve("https://other.example/v1.1/") == "https://other.example/v1.1"
    registry = ProviderRegistry()
    assert "https://mine.example/v1.1" in {d.id for d in registry.get("sensorthings").datasets()}
