"""The only way TerriData reaches a web service.

Built on QGIS's own network stack (``QgsBlockingNetworkRequest`` and ``QgsNetworkAccessManager``) so that the
user's proxy, SSL exceptions and authentication configurations apply. On top of it:

- ``User-Agent: TerriData/<version>`` (prefixed to QGIS's own, through a request preprocessor);
- a per-request timeout (no data for ``timeout`` seconds aborts the request), an overall deadline per exchange
  (``toolbelt/deadlines.py``: a trickle of bytes cannot hold a request forever) and a response-size cap;
- retries with exponential backoff on 429/502/503/504, honouring ``Retry-After`` (seconds or HTTP date) or a
  service's own way of saying how long to wait (``retry_delay_from``);
- HTTP redirects followed on request (``follow_redirects``), never to another origin with a credential;
- a per-service, per-host sliding-window rate limiter (``toolbelt/rate_limiter.py``, limits from settings);
- cancellation through a ``QgsFeedback`` (also while waiting), and messages to it saying why we wait;
- an on-disk cache (``toolbelt/http_cache.py``) for calls that ask for one, never for authenticated calls;
- streamed downloads written atomically, with progress reported when the size is known;
- errors that say, in words a GIS technician understands, which service failed, how, on which URL and what to do
  (``toolbelt/http_errors.py``).

Credentials come only from a QGIS authentication configuration id (``authcfg``): a URL carrying credentials is
refused. Every message, log line and error text goes through one sanitiser (``toolbelt/secrets.py``).
"""

from __future__ import annotations

import atexit
import email.utils
import json as _json
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, Optional
from urllib.parse import quote, urlencode, urljoin, urlsplit, urlunsplit

from qgis.core import QgsApplication, QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, Qt, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..__about__ import USER_AGENT
from .atomic import atomic_path
from .auth import CREDENTIAL_HEADERS, AuthConfigError, check_authcfg, remember_authcfg_secrets
from .deadlines import resolve_deadline
from .http_cache import CachedResponse, ResponseCache, make_key
from .http_errors import (  # noqa: F401 (re-exported: callers import the errors from here)
    CredentialsInUrl,
    DeadlineExceeded,
    NetworkError,
    NetworkTimeout,
    RequestCancelled,
    ResponseTooLarge,
    auth_error,
    broken_transfer_error,
    connection_error,
    deadline_error,
    duration_text,
    seconds_text,
    size_text,
    status_advice,
    status_meaning,
    timeout_error,
)
from .i18n import tr
from .logger import PlgLogger
from .rate_limiter import LIMITER, RateLimitCancelled
from .secrets import (  # noqa: F401 (sanitize_url and SECRET_PARAMS re-exported)
    SECRET_PARAMS,
    check_url_has_no_credentials,
    remember_header_secret,
    remember_url_secrets,
    sanitize_url,
    scrub_text,
)
from .services import get_service
from .settings import PlgSettings, parse_rate

RETRY_STATUSES = (429, 502, 503, 504)
#: A server asking to wait longer than this is not waited for: the error says to try again later.
MAX_RETRY_AFTER_S = 600.0
#: How often waits and transfers check the feedback for cancellation.
POLL_S = 0.05
#: Characters kept as they are in a URL path built by :func:`build_url`.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"


# --------------------------------------------------------------------------------------------- URLs


def _param_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def build_url(base: str, path: str = "", params: Optional[dict] = None) -> str:
    """Join ``base`` and ``path`` and add ``params`` to the query, percent-encoding everything properly.

    Spaces become ``%20``, accents UTF-8 escapes, ``&``/``=``/``+`` in values are escaped. ``None`` values are
    skipped, lists repeat the key, booleans become ``true``/``false``. Parameters already in ``base`` are kept.
    """
    url = str(base)
    if path:
        url = url.rstrip("/") + "/" + quote(str(path).lstrip("/"), safe=_PATH_SAFE)
    if not params:
        return url
    pairs = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs.extend((str(key), _param_value(v)) for v in value if v is not None)
        else:
            pairs.append((str(key), _param_value(value)))
    if not pairs:
        return url
    parts = urlsplit(url)
    encoded = urlencode(pairs, quote_via=quote, safe="")
    query = f"{parts.query}&{encoded}" if parts.query else encoded
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def parse_retry_after(value, now: Optional[datetime] = None) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delay in seconds or HTTP date); None if absent/invalid."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _qurl(url: str) -> QUrl:
    try:
        url.encode("ascii")
    except UnicodeEncodeError:
        return QUrl(url)
    return QUrl.fromEncoded(QByteArray(url.encode("ascii")))


# --------------------------------------------------------------------------------------------- User-Agent

#: Request attribute marking TerriData's requests (its value is the User-Agent to put first).
_MARK_ATTRIBUTE = QNetworkRequest.Attribute(int(QNetworkRequest.Attribute.User) + 0x7D1)
#: Request attribute holding the redirect policy TerriData chose (an int). QGIS 3.40's QgsNetworkAccessManager
#: replaces a request's own RedirectPolicyAttribute when it creates the request; the preprocessor, which runs after
#: that, puts the chosen policy back (QGIS 3.22 keeps it: there this changes nothing).
_REDIRECT_ATTRIBUTE = QNetworkRequest.Attribute(int(QNetworkRequest.Attribute.User) + 0x7D2)
_preprocessor_lock = threading.Lock()
_preprocessor_id: Optional[str] = None


def _preprocess_request(request) -> None:
    """Runs for every request QGIS makes: only TerriData's marked requests are touched.

    QgsNetworkAccessManager overwrites the User-Agent header; this puts ours in front of it. Our responses are
    cached by TerriData itself (or not at all when authenticated), never in QGIS's shared network cache.
    """
    try:
        marker = request.attribute(_MARK_ATTRIBUTE)
        if not marker:
            return
        current = bytes(request.rawHeader(b"User-Agent")).decode("latin-1")
        request.setRawHeader(b"User-Agent", f"{marker} {current}".strip().encode("latin-1"))
        request.setAttribute(QNetworkRequest.Attribute.CacheSaveControlAttribute, False)
        policy = request.attribute(_REDIRECT_ATTRIBUTE)
        if policy is not None:
            request.setAttribute(
                QNetworkRequest.Attribute.RedirectPolicyAttribute, QNetworkRequest.RedirectPolicy(int(policy))
            )
    except Exception:  # noqa: BLE001 - never break someone else's request
        return


def _cancel_connection():
    """How a user's cancel reaches the request's own feedback in :meth:`NetworkClient._attempt`.

    QgsBlockingNetworkRequest aborts its reply only if its feedback is cancelled once the reply exists. In a worker
    thread (a QgsTask, a Processing algorithm), a cancel sent directly from the GUI thread while the request was
    being sent deleted the reply without it ever finishing: the worker stayed in the request forever (seen on QGIS
    3.44, where such tasks filled the task manager's threads and no other task ran). Queued, the cancel is
    delivered in the request's own event loop, in its thread, once the reply is set up (a cancel before the
    request is caught by ``_check_cancelled``). On the GUI thread QGIS runs the transfer in a thread of its own
    while this thread waits: there the cancel stays direct, as before.
    """
    if threading.current_thread() is not threading.main_thread():  # QGIS's GUI thread is Python's main thread
        return Qt.ConnectionType.QueuedConnection
    return Qt.ConnectionType.DirectConnection


def _no_op(*_args) -> None:
    return None


def _settle_notifiers(*objects) -> None:
    """Make sip remember that these Python-made QObjects have no Python ``connectNotify``/``disconnectNotify``.

    sip asks Python, under the GIL, whether a C++ virtual method of an object made in Python is overridden, the
    first time C++ calls it on that object, and remembers the answer. Qt calls ``disconnectNotify`` on a signal's
    sender while it holds one of its own connection locks (when a receiver is destroyed), and QGIS's blocking
    request destroys receivers of the request's signals in the worker thread at the end of every request. Asked
    there for the first time, sip waited for the GIL while holding that Qt lock, and the GUI thread, holding the
    GIL, waited for the same lock in a widget call: QGIS froze for good (seen in the catalogue dock's tests on
    QGIS 3.22, gdb: the worker in ``sipQgsBlockingNetworkRequest::disconnectNotify`` from ``QObject::~QObject``, the
    GUI thread in ``QBasicMutex::lockInternal`` from ``QTextBrowser.setHtml``). Asking once here, in this thread,
    with no Qt lock held, makes the later calls skip Python.
    """
    for obj in objects:
        obj.destroyed.connect(_no_op)
        obj.destroyed.disconnect(_no_op)


def ensure_request_preprocessor() -> None:
    """Register the User-Agent preprocessor with QgsNetworkAccessManager (once per process)."""
    global _preprocessor_id
    with _preprocessor_lock:
        if _preprocessor_id is None:
            _preprocessor_id = QgsNetworkAccessManager.setRequestPreprocessor(_preprocess_request)


def unregister_request_preprocessor() -> None:
    """Remove the preprocessor (call from the plugin's ``unload()``)."""
    global _preprocessor_id
    with _preprocessor_lock:
        if _preprocessor_id is not None:
            try:
                QgsNetworkAccessManager.removeRequestPreprocessor(_preprocessor_id)
            finally:
                _preprocessor_id = None


atexit.register(unregister_request_preprocessor)


# --------------------------------------------------------------------------------------------- responses


class Response:
    """An HTTP answer: ``status``, ``headers`` (lower-case names), ``content`` (bytes), ``url``, ``from_cache``."""

    def __init__(
        self,
        status: int,
        headers: Optional[Dict[str, str]] = None,
        content: bytes = b"",
        url: str = "",
        from_cache: bool = False,
        service: str = "",
        service_label: str = "",
    ):
        self.status = int(status)
        self.headers = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
        self.content = bytes(content)
        self.url = url
        self.from_cache = from_cache
        self.service = service
        self.service_label = service_label or service

    def __repr__(self) -> str:
        return f"<Response {self.status} {len(self.content)} bytes {sanitize_url(self.url)}>"

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def _charset(self) -> str:
        match = re.search(r"charset=([\w.-]+)", self.headers.get("content-type", ""), re.IGNORECASE)
        return match.group(1) if match else "utf-8"

    def text(self) -> str:
        try:
            return self.content.decode(self._charset(), errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")

    def json(self):
        try:
            return _json.loads(self.content.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            snippet = " ".join(self.content[:80].decode("utf-8", errors="replace").split())
            raise NetworkError(
                tr(
                    "{} returned malformed JSON for {} ({}; the answer starts with: '{}'). The service may be "
                    "failing or its address may point to something else: check the service address in the "
                    "TerriData settings, or try again later.",
                    self.service_label,
                    sanitize_url(self.url),
                    str(exc).split(":")[0],
                    scrub_text(snippet),
                ),
                status=self.status,
                service=self.service,
                url=sanitize_url(self.url),
            ) from None


def _encode_body(json, data, content_type):
    """The bytes and content type of a request body: JSON, a form (dict), text, or raw bytes."""
    if json is not None and data is not None:
        raise ValueError("give either json or data, not both")
    body = b""
    if json is not None:
        body = _json.dumps(json, ensure_ascii=False).encode("utf-8")
        content_type = content_type or "application/json"
    elif isinstance(data, dict):
        body = urlencode([(str(k), _param_value(v)) for k, v in data.items()], quote_via=quote).encode("ascii")
        content_type = content_type or "application/x-www-form-urlencoded"
    elif isinstance(data, str):
        body = data.encode("utf-8")
        content_type = content_type or "text/plain; charset=utf-8"
    elif data is not None:
        body = bytes(data)
        content_type = content_type or "application/octet-stream"
    return body, content_type


# --------------------------------------------------------------------------------------------- client


@dataclass(frozen=True)
class _Limits:
    """What bounds one exchange: silence (``timeout_s``), total time (``deadline_s`` of ``kind``), size."""

    timeout_s: float
    deadline_s: float
    kind: str
    max_bytes: int = 0


class NetworkClient:
    """Requests to one service (an id of ``toolbelt.services.SERVICES``).

    :param service: service id; gives the label used in messages and the rate limit.
    :param feedback: a ``QgsFeedback`` (or ``QgsProcessingFeedback``) to cancel requests and receive messages.
    :param authcfg: id of a QGIS authentication configuration applied to every request (never cached).
    :param follow_redirects: follow HTTP redirects (301/302/303/307/308) for every request, streamed downloads
        included, through Qt's redirect policy. A request carrying a credential (the ``authcfg``, or a credential
        header such as ``Authorization``) follows redirects on the same origin only (scheme, host and port): a
        redirect to another origin is refused with a :class:`NetworkError` saying so. Without a credential, a
        redirect from HTTPS to plain HTTP is refused. When False (the default), a download answering a redirect
        fails with the 3xx status, and a GET keeps QGIS's own handling; with an ``authcfg``, requests never leave
        their origin either way.
    :param retry_delay_from: ``callable(response) -> seconds or None``, asked first for the wait before retrying
        a 429/502/503/504 answer (a :class:`Response`, its body included), for services that say when to come back
        elsewhere than in ``Retry-After``. ``None`` falls back to :meth:`retry_delay`'s default.

    Every request method takes ``deadline`` (seconds) or ``kind`` (``"api"``, ``"data"``, ``"download"``: the
    deadline setting to use, see ``toolbelt/deadlines.py``). A URL carrying credentials (user info, or a secret
    parameter such as ``apikey`` in the URL or in ``params``) is refused with :class:`CredentialsInUrl`.
    """

    def __init__(
        self,
        service: str,
        feedback: Optional[QgsFeedback] = None,
        authcfg: str = "",
        follow_redirects: bool = False,
        retry_delay_from: Optional[Callable[[Response], Optional[float]]] = None,
    ):
        self.service = get_service(service)
        self.label = self.service.label
        self.feedback = feedback
        self.authcfg = authcfg or ""
        self.follow_redirects = bool(follow_redirects)
        self.retry_delay_from = retry_delay_from
        self.settings = PlgSettings.get()
        self._cache: Optional[ResponseCache] = None
        if self.authcfg:
            try:
                check_authcfg(self.authcfg)
            except AuthConfigError as exc:
                raise NetworkError(str(exc), service=self.service.id) from None
            remember_authcfg_secrets(self.authcfg)
        ensure_request_preprocessor()

    # ----------------------------------------------------------------------------- public interface

    def get(
        self,
        url: str,
        params: Optional[dict] = None,
        headers: Optional[dict] = None,
        cache_ttl: float = 0,
        timeout: Optional[float] = None,
        max_bytes: Optional[int] = None,
        deadline: Optional[float] = None,
        kind: str = "data",
    ) -> Response:
        """GET ``url`` (with ``params`` added to its query). Raises :class:`NetworkError` unless status is 2xx."""
        limits = self._limits(timeout, deadline, kind, max_bytes)
        return self._send("GET", url, params, headers, None, None, cache_ttl, limits)

    def post(
        self,
        url: str,
        params: Optional[dict] = None,
        json=None,
        data=None,
        content_type: Optional[str] = None,
        headers: Optional[dict] = None,
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        kind: str = "data",
    ) -> Response:
        """POST a JSON body (``json``), raw bytes/str (``data``) or a form (``data`` as a dict).

        A multipart upload is ``data`` as the encoded bytes with ``content_type="multipart/form-data; boundary=…"``.
        """
        body, content_type = _encode_body(json, data, content_type)
        limits = self._limits(timeout, deadline, kind, None)
        return self._send("POST", url, params, headers, body, content_type, 0, limits)

    def put(
        self,
        url: str,
        params: Optional[dict] = None,
        json=None,
        data=None,
        content_type: Optional[str] = None,
        headers: Optional[dict] = None,
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        kind: str = "data",
    ) -> Response:
        """PUT a body, given as for :meth:`post` (write APIs update a record with it)."""
        body, content_type = _encode_body(json, data, content_type)
        limits = self._limits(timeout, deadline, kind, None)
        return self._send("PUT", url, params, headers, body, content_type, 0, limits)

    def get_json(
        self,
        url: str,
        params: Optional[dict] = None,
        cache_ttl: float = 0,
        headers: Optional[dict] = None,
        deadline: Optional[float] = None,
        kind: str = "api",
    ):
        """GET and decode JSON (``NetworkError`` with a clear message when the JSON is malformed)."""
        merged = {"Accept": "application/json"}
        merged.update(headers or {})
        return self.get(url, params=params, headers=merged, cache_ttl=cache_ttl, deadline=deadline, kind=kind).json()

    def download(
        self,
        url: str,
        target,
        params: Optional[dict] = None,
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        kind: str = "download",
        headers: Optional[dict] = None,
        progress: Optional[QgsFeedback] = None,
    ) -> Path:
        """Stream ``url`` into the file ``target`` (a temporary file beside it, renamed on success).

        ``headers`` are sent with the request (a credential header's value is masked in every message).
        ``progress``, a ``QgsFeedback``, receives ``setProgress(0…100)`` as bytes arrive when the server announces
        the size (``Content-Length``); with no announced size it is left alone. Cancellation still goes through the
        client's ``feedback``.

        On cancellation, error, timeout or deadline nothing is left behind (an existing ``target`` is untouched).
        """
        target = Path(target)
        full_url = build_url(url, params=params)
        self._refuse_credentials(full_url)
        safe_url = sanitize_url(full_url)
        limits = self._limits(timeout, deadline, kind, None)
        attempts = max(1, int(self.settings.max_retries) + 1)
        for attempt in range(1, attempts + 1):
            self._check_cancelled(safe_url)
            self._wait_rate_limit(full_url, safe_url)
            started = time.monotonic()
            try:
                with atomic_path(target, suffix=".part") as tmp:
                    status, answer_headers, error_body = self._stream_to(
                        full_url, safe_url, tmp, limits, headers, progress
                    )
                    if not 200 <= status < 300:
                        raise _HttpStatusError(status, answer_headers, error_body)
            except _HttpStatusError as http:
                response = Response(
                    http.status, http.headers, http.body, full_url, service=self.service.id, service_label=self.label
                )
                if http.status in RETRY_STATUSES and attempt < attempts:
                    self._wait_before_retry(response, attempt, attempts, safe_url)
                    continue
                self._raise_for_status(response, safe_url, attempt)
            self._debug(f"GET {safe_url} -> {target.name} ({time.monotonic() - started:.2f} s, download)")
            return target
        raise AssertionError("unreachable")  # pragma: no cover

    # ----------------------------------------------------------------------------- internals

    def _limits(self, timeout: Optional[float], deadline: Optional[float], kind: str, max_bytes) -> _Limits:
        timeout_s = float(timeout if timeout is not None else self.settings.request_timeout_s)
        if timeout_s <= 0:
            raise ValueError("timeout must be positive")
        deadline_s, kind = resolve_deadline(self.settings, kind, deadline)
        if max_bytes is None:
            max_bytes = int(self.settings.max_response_mb) * 1024 * 1024
        return _Limits(timeout_s, deadline_s, kind, int(max_bytes))

    def _refuse_credentials(self, full_url: str) -> None:
        """Credentials in a URL (typed by the user or added as ``params``) would end up in logs and messages, some
        of them QGIS's own (its network log shows the URL of a failed request): they belong in an authcfg, or in a
        header (``auth.apply_api_key_header``)."""
        message = check_url_has_no_credentials(full_url)
        if message:
            remember_url_secrets(full_url)  # should the caller show the URL anyway, the sanitiser masks them
            raise CredentialsInUrl(f"{self.label}: {message}", service=self.service.id, url=sanitize_url(full_url))

    def _cancelled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _check_cancelled(self, safe_url: str) -> None:
        if self._cancelled():
            raise RequestCancelled(
                tr("The request to {} was cancelled ({}).", self.label, safe_url),
                service=self.service.id,
                url=safe_url,
            )

    def _inform(self, message: str) -> None:
        """Tell the user why we wait: to the Processing log when there is one, else the debug log."""
        message = scrub_text(message)
        if self.feedback is not None and hasattr(self.feedback, "pushInfo"):
            self.feedback.pushInfo(message)
        else:
            self._debug(message)

    def _debug(self, message: str) -> None:
        if self.settings.debug_mode:
            PlgLogger.log(f"{self.label}: {message}", "info")

    def _sleep(self, seconds: float, safe_url: str) -> None:
        end = time.monotonic() + seconds
        while True:
            self._check_cancelled(safe_url)
            remaining = end - time.monotonic()
            if remaining <= 0:
                return
            time.sleep(min(POLL_S, remaining))

    def _wait_rate_limit(self, full_url: str, safe_url: str) -> None:
        parts = urlsplit(full_url)
        key = f"{self.service.id}@{parts.hostname or ''}:{parts.port or ''}"
        max_requests, period_s = parse_rate(getattr(self.settings, self.service.rate_setting))

        def on_wait(delay: float) -> None:
            if delay >= 1.0:
                self._inform(tr("{}: rate limit, waiting {} s", self.label, seconds_text(delay)))

        try:
            LIMITER.acquire(key, max_requests, period_s, should_stop=self._cancelled, on_wait=on_wait, slice_s=POLL_S)
        except RateLimitCancelled:
            self._check_cancelled(safe_url)
            raise

    def retry_delay(self, response: Response, attempt: int) -> float:
        """Seconds to wait before retrying after ``response`` (a 429/502/503/504), ``attempt`` being the try that
        got it (1 for the first).

        In order: the client's ``retry_delay_from(response)`` when it gives a number; the ``Retry-After`` header
        (seconds or HTTP date); else exponential backoff from the settings (base × 2^(attempt-1), capped). A wait
        longer than :data:`MAX_RETRY_AFTER_S` is not waited: the request fails saying to try again later.
        """
        if self.retry_delay_from is not None:
            custom = self.retry_delay_from(response)
            if custom is not None:
                return max(0.0, float(custom))
        retry_after = parse_retry_after(response.headers.get("retry-after"))
        if retry_after is not None:
            return retry_after
        base = float(self.settings.backoff_base_s)
        return min(float(self.settings.backoff_max_s), base * (2 ** (attempt - 1)))

    def _wait_before_retry(self, response: Response, attempt: int, attempts: int, safe_url: str) -> None:
        delay = self.retry_delay(response, attempt)
        if delay > MAX_RETRY_AFTER_S:
            raise NetworkError(
                tr(
                    "{} answered {} ({}) for {} and asks to wait {} before trying again; try again later.",
                    self.label,
                    response.status,
                    status_meaning(response.status),
                    safe_url,
                    duration_text(delay),
                ),
                status=response.status,
                service=self.service.id,
                url=safe_url,
            )
        reason = tr("rate limit") if response.status == 429 else status_meaning(response.status)
        self._inform(
            tr(
                "{}: answered {} ({}), waiting {} s before try {} of {}",
                self.label,
                response.status,
                reason,
                seconds_text(delay),
                attempt + 1,
                attempts,
            )
        )
        self._sleep(delay, safe_url)

    def _cacheable(self, method: str, full_url: str, cache_ttl: float, headers: Optional[dict]) -> bool:
        """Only GETs asked with a TTL, cache enabled, and no credential (authcfg, credential header, URL secret)."""
        if method != "GET" or cache_ttl <= 0 or not self.settings.cache_enabled or self.authcfg:
            return False
        if sanitize_url(full_url) != full_url:
            return False
        return not any(str(name).lower() in CREDENTIAL_HEADERS for name in (headers or {}))

    @property
    def cache(self) -> ResponseCache:
        if self._cache is None:
            self._cache = ResponseCache()
        return self._cache

    def _send(self, method, url, params, headers, body, content_type, cache_ttl, limits: _Limits) -> Response:
        full_url = build_url(url, params=params)
        self._refuse_credentials(full_url)
        safe_url = sanitize_url(full_url)
        self._check_cancelled(safe_url)

        cache_key = None
        if self._cacheable(method, full_url, cache_ttl, headers):
            cache_key = make_key(method, full_url, body or b"", headers)
            hit = self.cache.get(cache_key, cache_ttl)
            if hit is not None:
                self._debug(f"{method} {safe_url} -> {hit.status} (from cache)")
                return Response(
                    hit.status, hit.headers, hit.content, hit.url or full_url, True, self.service.id, self.label
                )

        attempts = max(1, int(self.settings.max_retries) + 1)
        response = None
        for attempt in range(1, attempts + 1):
            self._check_cancelled(safe_url)
            self._wait_rate_limit(full_url, safe_url)
            response = self._attempt(method, full_url, safe_url, headers, body, content_type, limits)
            if response.status in RETRY_STATUSES and attempt < attempts:
                self._wait_before_retry(response, attempt, attempts, safe_url)
                continue
            if not response.ok:
                self._raise_for_status(response, safe_url, attempt)
            break
        if cache_key is not None and response is not None and response.ok:
            try:
                self.cache.put(cache_key, CachedResponse(response.status, response.headers, response.content, full_url))
            except OSError as exc:
                self._debug(f"could not write the response cache: {exc}")
        return response

    def _raise_for_status(self, response: Response, safe_url: str, attempts_made: int) -> None:
        status = response.status
        if status in RETRY_STATUSES and attempts_made > 1:
            message = tr(
                "{} answered {} ({}) {} times for {}; try again later.",
                self.label,
                status,
                status_meaning(status),
                attempts_made,
                safe_url,
            )
        else:
            message = tr(
                "{} answered {} ({}) for {}. {}",
                self.label,
                status,
                status_meaning(status),
                safe_url,
                status_advice(status),
            )
            said = self._server_says(response)
            if said:
                message += " " + tr("The service said: {}", said)
        raise NetworkError(message, status=status, service=self.service.id, url=safe_url)

    def _server_says(self, response: Response) -> str:
        """A short excerpt of an error body, scrubbed (never for authcfg requests: it could echo derived tokens)."""
        if self.authcfg or not response.content:
            return ""
        ctype = response.headers.get("content-type", "")
        if ctype and not any(t in ctype for t in ("text", "json", "xml")):
            return ""
        text = " ".join(response.text().split())
        text = re.sub(r"<[^>]+>", " ", text)  # XML/HTML exception reports: keep the words
        text = " ".join(scrub_text(text).split())
        return text[:300] + ("…" if len(text) > 300 else "")

    def _prepare_request(self, full_url: str, headers: Optional[dict], content_type, timeout_s: float):
        request = QNetworkRequest(_qurl(full_url))
        request.setAttribute(_MARK_ATTRIBUTE, USER_AGENT)
        for name, value in (headers or {}).items():
            if str(name).lower() in CREDENTIAL_HEADERS:
                remember_header_secret(str(name), str(value))  # masked if a server echoes it
            request.setRawHeader(str(name).encode("latin-1"), str(value).encode("utf-8"))
        if content_type:
            request.setHeader(QNetworkRequest.KnownHeaders.ContentTypeHeader, content_type)
        request.setTransferTimeout(max(1, int(timeout_s * 1000)))
        policy = self._redirect_policy(headers)
        if policy is None:  # QGIS 3.40's network manager follows redirects by default; 3.22's does not
            policy = QNetworkRequest.RedirectPolicy.ManualRedirectPolicy
        request.setAttribute(QNetworkRequest.Attribute.RedirectPolicyAttribute, policy)
        request.setAttribute(_REDIRECT_ATTRIBUTE, int(policy))
        return request

    def _redirect_policy(self, headers: Optional[dict]):
        """Qt's redirect policy for a request: same origin only as soon as a credential goes with the request.

        With an ``authcfg`` it applies even when redirects are not asked for: QGIS's blocking request would
        otherwise follow a redirect itself and apply the configuration to the new host."""
        if self.authcfg:
            return QNetworkRequest.RedirectPolicy.SameOriginRedirectPolicy
        if not self.follow_redirects:
            return None
        if any(str(name).lower() in CREDENTIAL_HEADERS for name in headers or {}):
            return QNetworkRequest.RedirectPolicy.SameOriginRedirectPolicy
        return QNetworkRequest.RedirectPolicy.NoLessSafeRedirectPolicy

    def _redirect_refused(self, qt_error, status, reply, safe_url: str) -> None:
        """A redirect Qt refused to follow (to another origin with a credential, HTTPS to HTTP, too many)."""
        if qt_error == QNetworkReply.NetworkError.TooManyRedirectsError:
            raise NetworkError(
                tr(
                    "{} redirected {} too many times (a redirect loop?). Check the address, or try again later.",
                    self.label,
                    safe_url,
                ),
                status=status,
                service=self.service.id,
                url=safe_url,
            )
        if qt_error != QNetworkReply.NetworkError.InsecureRedirectError:
            return
        location = bytes(reply.rawHeader(b"Location")).decode("latin-1").strip()
        target = urljoin(safe_url, location) if location else ""
        where = urlsplit(sanitize_url(target)).netloc if target else ""
        raise NetworkError(
            tr(
                "{} redirected {} to another address ({}) that TerriData does not follow: a credential is never sent "
                "to another host, and a secure (HTTPS) address is never left for a plain HTTP one. Use the final "
                "address directly if you trust it (with its own authentication configuration if it needs one).",
                self.label,
                safe_url,
                where or tr("unknown host"),
            ),
            status=status,
            service=self.service.id,
            url=safe_url,
        )

    def _attempt(self, method, full_url, safe_url, headers, body, content_type, limits: _Limits) -> Response:
        """One HTTP exchange through QgsBlockingNetworkRequest; returns the response whatever its status."""
        max_bytes = limits.max_bytes
        request = self._prepare_request(full_url, headers, content_type, limits.timeout_s)
        # Cancelled by the user's feedback, by the deadline timer, or by us when the answer is too large.
        internal = QgsFeedback()
        state = {"too_large": False, "received": 0, "deadline": False}
        blocking = QgsBlockingNetworkRequest()
        _settle_notifiers(blocking, internal)
        if self.authcfg:
            blocking.setAuthCfg(self.authcfg)

        def on_progress(received, total):
            # Every received chunk comes here, in the thread that runs the transfer. A trickle of bytes therefore
            # meets the deadline at its first byte past it; total silence is the inactivity timeout's business.
            # (A timer thread calling into Qt could deadlock with this callback on the GIL: no timer thread.)
            state["received"] = received
            if max_bytes and (received > max_bytes or total > max_bytes):
                state["too_large"] = True
                internal.cancel()
            elif self._cancelled():
                internal.cancel()
            elif time.monotonic() >= deadline_at:
                state["deadline"] = True
                internal.cancel()

        blocking.downloadProgress.connect(on_progress, Qt.ConnectionType.DirectConnection)
        if method in ("POST", "PUT"):  # QgsBlockingNetworkRequest reports their download progress as upload
            blocking.uploadProgress.connect(on_progress, Qt.ConnectionType.DirectConnection)
        if self.feedback is not None:
            self.feedback.canceled.connect(internal.cancel, _cancel_connection())
        started = time.monotonic()
        deadline_at = started + limits.deadline_s
        try:
            self._check_cancelled(safe_url)
            if method == "POST":
                code = blocking.post(request, QByteArray(body or b""), True, internal)
            elif method == "PUT":  # (QGIS 3.22's put() takes a device, not bytes)
                device = QBuffer()
                device.setData(QByteArray(body or b""))
                device.open(QIODevice.OpenModeFlag.ReadOnly)
                _settle_notifiers(device)
                code = blocking.put(request, device, internal)
            else:
                code = blocking.get(request, True, internal)
        finally:
            if self.feedback is not None:
                try:
                    self.feedback.canceled.disconnect(internal.cancel)
                except (TypeError, RuntimeError):
                    pass
        elapsed = time.monotonic() - started
        reply = blocking.reply()

        if self._cancelled():
            self._check_cancelled(safe_url)
        if state["too_large"]:
            raise ResponseTooLarge(
                tr(
                    "{} sent more than {} for {}; the answer was refused. Ask for less data at once (smaller "
                    "area, fewer layers or fields, paging), or raise the maximum response size in the TerriData "
                    "settings.",
                    self.label,
                    size_text(max_bytes),
                    safe_url,
                ),
                service=self.service.id,
                url=safe_url,
            )
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        qt_error = reply.error()
        completed = (
            code == QgsBlockingNetworkRequest.ErrorCode.NoError
            and qt_error == QNetworkReply.NetworkError.NoError
            and status is not None
        )
        self._redirect_refused(qt_error, status, reply, safe_url)
        if state["deadline"] and not completed:  # (a deadline hit just after the end changes nothing)
            raise deadline_error(
                self.label, self.service.id, safe_url, limits.deadline_s, limits.kind, elapsed, state["received"]
            )
        if code == QgsBlockingNetworkRequest.ErrorCode.TimeoutError or qt_error in (
            QNetworkReply.NetworkError.OperationCanceledError,
            QNetworkReply.NetworkError.TimeoutError,
        ):
            raise timeout_error(self.label, self.service.id, safe_url, limits.timeout_s, elapsed)
        if status is None or int(status) == 0:
            if code == QgsBlockingNetworkRequest.ErrorCode.NetworkError and self.authcfg:
                raise auth_error(self.label, self.service.id, self.authcfg, safe_url)
            raise connection_error(
                self.label, self.service.id, safe_url, reply.errorString() or blocking.errorMessage()
            )
        if 200 <= int(status) < 300 and qt_error != QNetworkReply.NetworkError.NoError:
            # The answer broke off after it started (connection closed early): what came is incomplete.
            raise broken_transfer_error(self.label, self.service.id, safe_url, reply.errorString())
        content = bytes(reply.content())
        if max_bytes and len(content) > max_bytes:  # no progress signal for tiny, fast answers
            raise ResponseTooLarge(
                tr("{} sent more than {} for {}; the answer was refused.", self.label, size_text(max_bytes), safe_url),
                service=self.service.id,
                url=safe_url,
            )
        response_headers = {
            bytes(name).decode("latin-1").lower(): bytes(reply.rawHeader(name)).decode("latin-1")
            for name in reply.rawHeaderList()
        }
        final_url = reply.request().url().toString(QUrl.ComponentFormattingOption.FullyEncoded) or full_url
        self._debug(f"{method} {safe_url} -> {int(status)} ({len(content)} bytes, {elapsed:.2f} s)")
        return Response(int(status), response_headers, content, final_url, False, self.service.id, self.label)

    def _stream_to(self, full_url: str, safe_url: str, path: Path, limits: _Limits, headers=None, progress=None):
        """One streamed GET into ``path``; returns ``(status, headers, error_body)``."""
        request = self._prepare_request(full_url, headers, None, limits.timeout_s)
        request.setAttribute(
            QNetworkRequest.Attribute.CacheLoadControlAttribute, QNetworkRequest.CacheLoadControl.AlwaysNetwork
        )
        manager = QgsApplication.authManager()
        if self.authcfg:
            ok, request = manager.updateNetworkRequest(request, self.authcfg)
            if not ok:
                raise auth_error(self.label, self.service.id, self.authcfg, safe_url)
        state = {"cancelled": False, "error_body": bytearray(), "written": 0, "deadline": False}
        started = time.monotonic()
        deadline_at = started + limits.deadline_s
        with open(path, "wb") as handle:
            reply = QgsNetworkAccessManager.instance().get(request)
            if self.authcfg:
                manager.updateNetworkReply(reply, self.authcfg)
            loop = QEventLoop()

            def status_now() -> int:
                value = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
                return int(value) if value is not None else 0

            def on_ready_read() -> None:
                data = bytes(reply.readAll())
                if not data:
                    return
                if 200 <= status_now() < 300:
                    handle.write(data)
                    state["written"] += len(data)
                elif len(state["error_body"]) < 65536:
                    state["error_body"].extend(data[:65536])

            def on_tick() -> None:
                if reply.isFinished():
                    return
                if self._cancelled():
                    state["cancelled"] = True
                    reply.abort()
                elif time.monotonic() >= deadline_at:
                    state["deadline"] = True
                    reply.abort()

            def on_progress(received: int, total: int) -> None:
                # Only an announced size (Content-Length) says how far we are: Qt reports total=received at the end
                if progress is None or total <= 0 or not reply.hasRawHeader(b"Content-Length"):
                    return
                if 200 <= status_now() < 300:
                    progress.setProgress(min(100.0, 100.0 * received / total))

            reply.readyRead.connect(on_ready_read)
            reply.downloadProgress.connect(on_progress)
            reply.finished.connect(loop.quit)
            timer = QTimer()
            timer.setInterval(int(POLL_S * 1000))
            timer.timeout.connect(on_tick)
            timer.start()
            if not reply.isFinished():
                loop.exec()
            timer.stop()
            on_ready_read()
            status = status_now()
            qt_error = reply.error()
            error_text = reply.errorString()
            answer_headers = {
                bytes(name).decode("latin-1").lower(): bytes(reply.rawHeader(name)).decode("latin-1")
                for name in reply.rawHeaderList()
            }
            reply.deleteLater()  # (deleted once back in the event loop: it can still be read here)
            self._redirect_refused(qt_error, status, reply, safe_url)
        elapsed = time.monotonic() - started
        if state["cancelled"] or self._cancelled():
            self._check_cancelled(safe_url)
        if state["deadline"]:
            received = state["written"] + len(state["error_body"])
            raise deadline_error(
                self.label, self.service.id, safe_url, limits.deadline_s, limits.kind, elapsed, received
            )
        if qt_error in (QNetworkReply.NetworkError.OperationCanceledError, QNetworkReply.NetworkError.TimeoutError):
            raise timeout_error(self.label, self.service.id, safe_url, limits.timeout_s, elapsed)
        if status == 0:
            raise connection_error(self.label, self.service.id, safe_url, error_text)
        if 200 <= status < 300 and qt_error != QNetworkReply.NetworkError.NoError:
            # The transfer broke after it started (connection reset): the file is incomplete.
            raise connection_error(self.label, self.service.id, safe_url, error_text)
        return status, answer_headers, bytes(state["error_body"])


class _HttpStatusError(Exception):
    def __init__(self, status: int, headers: dict, body: bytes):
        super().__init__(status)
        self.status, self.headers, self.body = status, headers, body
