"""The registry of dataset providers.

Providers are discovered, like Processing algorithms: every sub-package or module of ``providers`` that defines a
function ``create_provider()`` returning a :class:`~.model.Provider` (or ``create_providers()`` returning several)
is registered the first time the registry is used, so adding a provider never means editing a central list. Tests
and plugins can also :meth:`register` one.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

from .model import Capability, Dataset, Provider, search_datasets

# Modules of this package that are not providers.
_NOT_PROVIDERS = {"model", "registry", "layer_metadata"}


class ProviderRegistry:
    def __init__(self, discover: bool = True):
        self._providers = {}
        self._discover = discover
        self._discovered = False
        self._lock = threading.RLock()
        self.discovery_errors = {}  # module name -> error text (a broken provider never hides the others)

    def _ensure_discovered(self) -> None:
        with self._lock:
            if self._discovered or not self._discover:
                return
            self._discovered = True
            from .. import providers as package

            for info in pkgutil.iter_modules(package.__path__):
                if info.name.startswith("_") or info.name in _NOT_PROVIDERS:
                    continue
                try:
                    module = importlib.import_module(f"{package.__name__}.{info.name}")
                    factory = getattr(module, "create_provider", None)
                    several = getattr(module, "create_providers", None)  # a package with several providers
                    if factory is None and several is None:
                        continue
                    found = [factory()] if factory is not None else list(several())
                except Exception as exc:  # noqa: BLE001 - reported, never fatal for the other providers
                    self.discovery_errors[info.name] = f"{type(exc).__name__}: {exc}"
                    continue
                for provider in found:
                    self._providers.setdefault(provider.id, provider)

    def register(self, provider: Provider, replace: bool = False) -> Provider:
        if not isinstance(provider, Provider) or not provider.id:
            raise ValueError(f"Not a provider with an id: {provider!r}")
        with self._lock:
            if provider.id in self._providers and not replace:
                raise ValueError(f"A provider with id {provider.id!r} is already registered")
            self._providers[provider.id] = provider
        return provider

    def unregister(self, provider_id: str) -> None:
        with self._lock:
            self._providers.pop(provider_id, None)

    def providers(self, capability: Capability | None = None) -> list:
        self._ensure_discovered()
        found = sorted(self._providers.values(), key=lambda p: p.id)
        return [p for p in found if capability is None or p.can(capability)]

    def get(self, provider_id: str) -> Provider:
        self._ensure_discovered()
        try:
            return self._providers[provider_id]
        except KeyError:
            known = ", ".join(sorted(self._providers)) or "none"
            raise KeyError(f"Unknown dataset provider {provider_id!r} (known: {known})") from None

    def __contains__(self, provider_id: str) -> bool:
        self._ensure_discovered()
        return provider_id in self._providers

    def dataset(self, key: str, feedback=None) -> Dataset | None:
        """A dataset from its key ``provider_id:dataset_id`` (dataset ids may contain ':')."""
        provider_id, _, dataset_id = key.partition(":")
        return self.get(provider_id).dataset(dataset_id, feedback)

    def search(self, query: str, feedback=None, limit: int = 0) -> list:
        """Search the catalogues of every provider that can search."""
        found = []
        for provider in self.providers(Capability.SEARCH):
            found.extend(provider.search(query, feedback))
        found = search_datasets(found, query)
        return found[:limit] if limit else found


_REGISTRY = ProviderRegistry()


def registry() -> ProviderRegistry:
    """The plugin-wide registry."""
    return _REGISTRY


def register_provider(provider: Provider, replace: bool = False) -> Provider:
    return _REGISTRY.register(provider, replace=replace)


def get_provider(provider_id: str) -> Provider:
    return _REGISTRY.get(provider_id)


def providers(capability: Capability | None = None) -> list:
    return _REGISTRY.providers(capability)
