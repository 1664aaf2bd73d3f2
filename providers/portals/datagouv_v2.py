"""data.gouv.fr search API v2: the facets and the true total of a search, which v1 does not give.

``GET /api/2/datasets/search/`` takes the same filters as v1 (``q, organization, tag, format, license, geozone,
granularity, badge, sort``) and answers ``{data, page, page_size, total, next_page, previous_page, facets}``, where
``facets`` is ``{name: [{"name": value, "count": n}, ...]}`` (udata's search service: ``format_family``,
``producer_type``, ``organization_name``, ``access_type``, ``last_update``). Its datasets carry their resources as a
link, not inline, and it refuses ``page * page_size > 10,000`` (400): so the results themselves are still read
through v1 (:mod:`.datagouv`, resources embedded), and v2 is asked once, for one result, to get the facets and the
total. When the total is beyond the 10,000-result window, the search cannot list everything: the user is told to
narrow it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...toolbelt.i18n import tr
from .base import PortalError, SearchQuery, as_json_object

RESULT_WINDOW = 10_000


@dataclass
class SearchSummary:
    """What v2 says of a search: how many datasets match, and the facets ``{name: [(value, count), ...]}``."""

    total: int
    facets: dict = field(default_factory=dict)

    @property
    def beyond_window(self) -> bool:
        return self.total > RESULT_WINDOW


def v2_url(v1_base: str) -> str:
    """The v2 search URL beside a v1 API base (``…/api/1`` → ``…/api/2/datasets/search/``); "" when the base is not
    a v1 base (then there is no v2 to ask)."""
    base = (v1_base or "").rstrip("/")
    if not base.endswith("/1"):
        return ""
    return base[: -len("/1")] + "/2/datasets/search/"


def parse_search(data: dict) -> SearchSummary:
    """The total and facets of a v2 search answer (facets sorted by count, largest first)."""
    if not isinstance(data.get("data"), list) or "total" not in data:
        raise PortalError(tr("data.gouv.fr answered a v2 search without 'data' and 'total'."))
    facets = {}
    for name, buckets in (data.get("facets") or {}).items():
        if not isinstance(buckets, list):
            continue
        values = [
            (str(b.get("name")), int(b.get("count") or 0))
            for b in buckets
            if isinstance(b, dict) and b.get("name") not in (None, "")
        ]
        facets[name] = sorted(values, key=lambda item: (-item[1], item[0]))
    return SearchSummary(int(data.get("total") or 0), facets)


def search_summary(client, query: SearchQuery) -> SearchSummary:
    """Ask v2 for the total and the facets of ``query`` (one request, one result asked for)."""
    url = v2_url(client.base)
    if not url:
        raise PortalError(tr("{} has no search API v2 beside {}.", client.config.name, client.base))
    params = client._params(query, 1)
    params["page_size"] = 1
    response = client.net.get(url, params=params)
    return parse_search(as_json_object(response, tr("the dataset search (v2)"), client.config.name))


def window_message(portal: str, total: int) -> str:
    return tr(
        "{} datasets match this search on {}, which lists at most {} per search: only the first {} can be read. "
        "Narrow the search (organisation, territory, format, tag, granularity) to reach the others.",
        total,
        portal,
        RESULT_WINDOW,
        RESULT_WINDOW,
    )
