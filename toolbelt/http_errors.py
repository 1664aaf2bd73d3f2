"""The network layer's errors and the words of its messages (status meanings, advice, durations, sizes).

Every :class:`NetworkError` text goes through :func:`~.secrets.scrub_text` when the error is made, so no message
built anywhere in the network layer can carry a secret.
"""

from __future__ import annotations

from typing import Optional

from .deadlines import deadline_kind_label
from .i18n import tr
from .secrets import sanitize_url, scrub_text


class NetworkError(Exception):
    """A request failed. ``str(error)`` is a user-facing message (service, status, sanitised URL, what to do).

    ``status`` is the HTTP status (None when no HTTP answer came), ``service`` the service id, ``url`` the
    sanitised URL.
    """

    def __init__(self, message: str, status: Optional[int] = None, service: str = "", url: str = ""):
        super().__init__(scrub_text(message))
        self.status = status
        self.service = service
        self.url = sanitize_url(url)


class RequestCancelled(NetworkError):  # noqa: N818 (name fixed by the interface)
    """The user cancelled (through the feedback)."""


class NetworkTimeout(NetworkError):  # noqa: N818
    """The service sent nothing for longer than the request timeout."""


class DeadlineExceeded(NetworkTimeout):  # noqa: N818
    """The exchange took longer than its overall deadline (a service sending a trickle of bytes)."""


class CredentialsInUrl(NetworkError):  # noqa: N818
    """A URL given to the network layer carries credentials: refused (they belong in an authcfg)."""


class ResponseTooLarge(NetworkError):  # noqa: N818
    """The response was larger than the allowed maximum and was refused."""


def status_meaning(status: int) -> str:
    meanings = {
        400: tr("bad request"),
        401: tr("authentication required"),
        403: tr("access forbidden"),
        404: tr("not found"),
        405: tr("method not allowed"),
        408: tr("request timeout"),
        410: tr("gone"),
        413: tr("request too large"),
        414: tr("URL too long"),
        429: tr("too many requests"),
        500: tr("internal server error"),
        501: tr("not implemented"),
        502: tr("bad gateway"),
        503: tr("service unavailable"),
        504: tr("gateway timeout"),
    }
    if status in meanings:
        return meanings[status]
    if 300 <= status < 400:
        return tr("redirection")
    if 400 <= status < 500:
        return tr("client error")
    if status >= 500:
        return tr("server error")
    return tr("unexpected status")


def status_advice(status: int) -> str:
    if status in (401, 403):
        return tr("Check the authentication configuration chosen for this service and its access rights.")
    if status in (404, 410):
        return tr("Check the service address in the TerriData settings and that the requested data exists.")
    if status == 414:
        return tr("Ask for less at once (fewer codes or layers per request).")
    if 400 <= status < 500:
        return tr("Check the parameters of the request (layer name, codes, filters).")
    return tr("The service has a problem on its side: try again later.")


def seconds_text(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".") or "0"


def duration_text(seconds: float) -> str:
    if seconds >= 3600:
        return tr("{} h", f"{seconds / 3600:.1f}")
    if seconds >= 60:
        return tr("{} min", f"{seconds / 60:.0f}")
    return tr("{} s", seconds_text(seconds))


def size_text(num_bytes: int) -> str:
    if num_bytes >= 1024 * 1024:
        return tr("{} MB", f"{num_bytes / (1024 * 1024):.0f}")
    if num_bytes >= 1024:
        return tr("{} KB", f"{num_bytes / 1024:.0f}")
    return tr("{} bytes", num_bytes)


# --------------------------------------------------------------------------------------------- messages


def auth_error(label: str, service: str, authcfg: str, safe_url: str) -> NetworkError:
    return NetworkError(
        tr(
            "The authentication configuration '{}' could not be applied to the request to {} ({}). "
            "Check it in QGIS Settings > Options > Authentication.",
            authcfg,
            label,
            safe_url,
        ),
        service=service,
        url=safe_url,
    )


def timeout_error(label: str, service: str, safe_url: str, timeout_s: float, elapsed: float) -> NetworkTimeout:
    return NetworkTimeout(
        tr(
            "{} did not answer within {} s for {} (gave up after {} s). The service may be overloaded or the "
            "connection slow: try again later, or raise the request timeout in the TerriData settings.",
            label,
            seconds_text(timeout_s),
            safe_url,
            seconds_text(elapsed),
        ),
        service=service,
        url=safe_url,
    )


def deadline_error(
    label: str, service: str, safe_url: str, deadline_s: float, kind: str, elapsed: float, received: int
) -> DeadlineExceeded:
    return DeadlineExceeded(
        tr(
            "{} did not finish answering {} within {}, the deadline for {}, and was stopped after {} ({} "
            "received). The service is overloaded or the connection very slow: try again later, or ask for less "
            "data at once; if such waits are expected, raise this deadline in the TerriData settings.",
            label,
            safe_url,
            duration_text(deadline_s),
            deadline_kind_label(kind),
            duration_text(elapsed),
            size_text(received),
        ),
        service=service,
        url=safe_url,
    )


def broken_transfer_error(label: str, service: str, safe_url: str, detail: str) -> NetworkError:
    return NetworkError(
        tr(
            "The answer of {} for {} broke off before its end ({}); nothing of it was used. Try again later; "
            "if it keeps happening, check the network connection and the proxy settings.",
            label,
            safe_url,
            scrub_text(detail) or tr("connection closed"),
        ),
        service=service,
        url=safe_url,
    )


def connection_error(label: str, service: str, safe_url: str, detail: str) -> NetworkError:
    return NetworkError(
        tr(
            "Could not reach {} at {} ({}). Check the network connection, the proxy settings (QGIS Settings > "
            "Options > Network) and the service address in the TerriData settings.",
            label,
            safe_url,
            scrub_text(detail) or tr("no answer"),
        ),
        service=service,
        url=safe_url,
    )
