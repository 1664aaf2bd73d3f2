"""Overall deadlines of HTTP exchanges, by kind of request.

The request timeout (``request_timeout_s``) only catches a silent service: one that sends a byte every few seconds
never trips it. Each exchange therefore also has a deadline from its start to its end, taken from the settings by
kind of request, unless the caller gives one in seconds:

- ``"api"``: JSON APIs, capabilities, metadata (default of ``NetworkClient.get_json``);
- ``"data"``: data requests such as WFS pages (default of ``get`` and ``post``);
- ``"download"``: streamed file downloads (default of ``download``).

The deadline bounds each exchange (a retry gets its own). It is checked whenever bytes arrive, so a trickle is
stopped at its first byte past the deadline, and total silence by the request timeout: no request outlives
``deadline + request timeout``.
"""

from __future__ import annotations

from typing import Optional, Tuple

from .i18n import tr

#: Kind of request -> the setting holding its deadline in seconds.
DEADLINE_SETTINGS = {"api": "deadline_api_s", "data": "deadline_data_s", "download": "deadline_download_s"}


def deadline_kind_label(kind: str) -> str:
    """Words naming the kind in messages (and the setting the user can raise)."""
    labels = {
        "api": tr("API and metadata requests"),
        "data": tr("data requests"),
        "download": tr("file downloads"),
    }
    return labels.get(kind, kind)


def resolve_deadline(settings, kind: str, deadline: Optional[float] = None) -> Tuple[float, str]:
    """``(seconds, kind)``: ``deadline`` when given, else the setting of ``kind``. Refuses unknown kinds."""
    if kind not in DEADLINE_SETTINGS:
        raise ValueError(f"Unknown request kind {kind!r}; known: {', '.join(DEADLINE_SETTINGS)}")
    value = float(deadline if deadline is not None else getattr(settings, DEADLINE_SETTINGS[kind]))
    if value <= 0:
        raise ValueError("deadline must be positive")
    return value, kind
