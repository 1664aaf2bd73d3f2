"""The INSEE dataset provider of the common model (:mod:`providers.model`): Melodi's catalogue as
:class:`~..model.Dataset` entries (access kind ``api``, service ``insee_melodi``), licence Licence Ouverte 2.0."""

from __future__ import annotations

from ...toolbelt.i18n import tr
from ..model import Access, AccessKind, Capability, Dataset, Provider

PROVIDER_ID = "insee"
LICENCE = "Licence Ouverte 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
ATTRIBUTION = "Source : INSEE (Melodi)"
PRODUCER = "INSEE"

# Datasets shown even without network (titles checked against the Melodi catalogue).
CURATED = (
    (
        "DS_POPULATIONS_REFERENCE",
        "Populations de référence (populations légales)",
        "Reference populations (legal populations)",
        ("population", "légale", "recensement"),
    ),
    (
        "DS_RP_POPULATION_PRINC",
        "Population (recensement) : principaux indicateurs",
        "Population (census): main indicators",
        ("population", "recensement", "âge", "sexe"),
    ),
)


def dataset_from_summary(summary) -> Dataset:
    """A :class:`Dataset` from a :class:`.melodi_format.DatasetSummary`."""
    return Dataset(
        id=summary.identifier,
        provider_id=PROVIDER_ID,
        title={"fr": summary.title_fr, "en": summary.title},
        description={"fr": summary.description, "en": summary.subtitle},
        keywords=tuple(summary.spatial_resolution),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        attribution=ATTRIBUTION,
        producer=PRODUCER,
        updated=(summary.modified or "")[:10],
        accesses=(Access(kind=AccessKind.API, url=f"data/{summary.identifier}", service="insee_melodi"),),
        category="statistics",
    )


def curated_datasets() -> list:
    return [
        Dataset(
            id=ident,
            provider_id=PROVIDER_ID,
            title={"fr": fr, "en": en},
            keywords=keywords,
            licence=LICENCE,
            licence_url=LICENCE_URL,
            attribution=ATTRIBUTION,
            producer=PRODUCER,
            accesses=(Access(kind=AccessKind.API, url=f"data/{ident}", service="insee_melodi"),),
            curated=True,
            category="statistics",
        )
        for ident, fr, en, keywords in CURATED
    ]


class InseeProvider(Provider):
    id = PROVIDER_ID  # noqa: A003
    name = "INSEE"
    capabilities = frozenset({Capability.CATALOGUE, Capability.SEARCH, Capability.STATISTICS})
    default_licence = LICENCE
    default_licence_url = LICENCE_URL
    default_attribution = ATTRIBUTION

    def __init__(self):
        self.last_error = ""

    def datasets(self, feedback=None) -> list:
        """Melodi's catalogue (cached a day by the network layer), curated entries first and completed by it.

        Without network the curated entries are returned and :attr:`last_error` says why.
        """
        from ...toolbelt.network import NetworkError
        from .melodi import MelodiClient

        curated = {ds.id: ds for ds in curated_datasets()}
        try:
            summaries = MelodiClient(feedback=feedback).catalogue()
            self.last_error = ""
        except NetworkError as exc:
            self.last_error = str(exc)
            if feedback is not None:
                feedback.reportError(tr("INSEE catalogue unavailable: {}", exc))
            return list(curated.values())
        found = []
        for summary in summaries:
            ds = dataset_from_summary(summary)
            if ds.id in curated:
                ds = curated.pop(ds.id).merged_with(ds)
            found.append(ds)
        return list(curated.values()) + found


def create_provider() -> InseeProvider:
    return InseeProvider()
