"""The one sanitiser every message, log line, report and exception text of TerriData's network layer goes through.

- :func:`sanitize_url` removes the user/password part of a URL and masks secret query parameters;
- :func:`scrub_text` cleans a free text (error messages, server answers echoed to the user, log lines): every URL
  in it, ``Authorization``-like header values, ``Bearer``/``Basic`` credentials, ``password=…``/``"token": "…"``
  pairs, and every secret known to the process (:func:`remember_secret`: the values TerriData read from an
  authentication configuration or put into a credential header), also in their URL-encoded and Base64 forms;
- :func:`url_credentials` and :func:`check_url_has_no_credentials` find credentials written inside a URL, which
  TerriData refuses: they belong in a QGIS authentication configuration.

Pure Python apart from :func:`~.i18n.tr` (no network, no QGIS object), so it is unit-tested without QGIS.
"""

from __future__ import annotations

import base64
import re
import threading
from typing import Iterable, List, Optional
from urllib.parse import quote, quote_plus, unquote_plus, urlsplit, urlunsplit

from .i18n import tr

#: Query parameters whose value is a secret (compared lower-case; names ending with these are secrets too).
SECRET_PARAMS = ("key", "apikey", "api_key", "token", "access_token", "password", "pwd", "secret", "signature")
#: Names ending with these hold a secret too (``client_secret``, ``refresh_token``, ``x-api-key``, ``apiKey``).
_SECRET_SUFFIXES = ("token", "password", "passwd", "secret", "signature", "_key", "-key", ".key", "apikey")
#: What replaces a secret.
MASK = "***"
#: Known secrets shorter than this are not masked in free text: they cannot be told apart from ordinary words.
MIN_SECRET_LENGTH = 4

_known_lock = threading.Lock()
_known_secrets: set = set()


def is_secret_param(name: str) -> bool:
    """True for a parameter or field name that holds a secret (``apikey``, ``apiKey``, ``client_secret``…)."""
    name = str(name).strip()
    lowered = name.lower()
    return lowered in SECRET_PARAMS or lowered.endswith(_SECRET_SUFFIXES) or name.endswith("Key")


# --------------------------------------------------------------------------------------------- known secrets


def remember_secret(value) -> None:
    """Mask ``value`` (and its URL-encoded and Base64 forms) in every text scrubbed from now on in this process."""
    text = str(value or "")
    if len(text) < MIN_SECRET_LENGTH:
        return
    forms = {text, quote(text, safe=""), quote_plus(text), base64.b64encode(text.encode("utf-8")).decode("ascii")}
    with _known_lock:
        _known_secrets.update(form for form in forms if len(form) >= MIN_SECRET_LENGTH)


def remember_basic_credentials(user: str, password: str) -> None:
    """Remember a password and the ``Basic`` token that carries it (Base64 of ``user:password``)."""
    remember_secret(password)
    if password:
        remember_secret(base64.b64encode(f"{user}:{password}".encode()).decode("ascii"))


def remember_header_secret(name: str, value: str) -> None:
    """Remember the value of a credential header (for ``Authorization: Bearer xyz`` also ``xyz`` alone)."""
    value = str(value or "").strip()
    remember_secret(value)
    scheme, _, credentials = value.partition(" ")
    if credentials and scheme.isalpha():
        remember_secret(credentials.strip())


def remember_url_secrets(url: str) -> None:
    """Remember the password of the user info and the values of secret query parameters of ``url``."""
    try:
        parts = urlsplit(str(url or ""))
    except ValueError:
        return
    userinfo = parts.netloc.rpartition("@")[0]
    if userinfo:
        user, _, password = userinfo.partition(":")
        remember_basic_credentials(unquote_plus(user), unquote_plus(password))
    for piece in parts.query.split("&") if parts.query else ():
        name, sep, value = piece.partition("=")
        if sep and value and is_secret_param(unquote_plus(name)):
            remember_secret(unquote_plus(value))
            remember_secret(value)


def known_secrets() -> List[str]:
    """The secrets to mask, longest first (so that a secret containing another one is masked whole)."""
    with _known_lock:
        return sorted(_known_secrets, key=len, reverse=True)


def forget_secrets() -> None:
    """Forget every remembered secret (tests)."""
    with _known_lock:
        _known_secrets.clear()


# --------------------------------------------------------------------------------------------- URLs


def _mask_query(query: str) -> str:
    pieces = []
    for piece in query.split("&"):
        name, sep, _value = piece.partition("=")
        pieces.append(f"{name}={MASK}" if sep and is_secret_param(unquote_plus(name)) else piece)
    return "&".join(pieces)


def sanitize_url(url: str) -> str:
    """``url`` without secrets: no user/password part, and the value of secret query parameters replaced."""
    if not url:
        return ""
    try:
        parts = urlsplit(str(url))
    except ValueError:
        return "<invalid URL>"
    netloc = parts.netloc.rpartition("@")[2]
    query = _mask_query(parts.query) if parts.query else ""
    fragment = parts.fragment
    if fragment and re.search(r"(token|key|secret|password|signature)", fragment, re.IGNORECASE):
        fragment = MASK
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def url_credentials(url: str) -> List[str]:
    """What credentials ``url`` carries: ``"user info"`` and/or the names of secret parameters (empty: none)."""
    if not url:
        return []
    try:
        parts = urlsplit(str(url).strip())
    except ValueError:
        return []
    found = []
    if "@" in parts.netloc:
        found.append("user info")
    for query in (parts.query, parts.fragment):
        for piece in query.split("&") if query else ():
            name, sep, value = piece.partition("=")
            name = unquote_plus(name)
            if sep and value and is_secret_param(name) and name not in found:
                found.append(name)
    return found


def check_url_has_no_credentials(url: str) -> Optional[str]:
    """None when ``url`` carries no credential, else a user-facing message refusing it (secret-free).

    Algorithms taking a service URL call it in ``checkParameterValues``; the network layer refuses such URLs too.
    """
    found = url_credentials(url)
    if not found:
        return None
    what = []
    if "user info" in found:
        what.append(tr("a user name or password"))
    names = [name for name in found if name != "user info"]
    if names:
        what.append(tr("a key or token (parameter {})", ", ".join(f"'{name}'" for name in names)))
    return tr(
        "The address {} contains {}. TerriData does not send credentials written in an address, because an "
        "address ends up in logs, messages and caches. Remove them from the address and store them in a QGIS "
        "authentication configuration instead (Settings > Options > Authentication).",
        sanitize_url(url),
        tr(" and ").join(what),
    )


# --------------------------------------------------------------------------------------------- free text

_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")
#: ``Authorization: Basic abc``, ``X-Api-Key=abc``… (a credential header name, then its value).
_CREDENTIAL_HEADER = re.compile(
    r"(?i)\b((?:proxy-)?authorization|x-api-key|api-key|set-cookie|cookie|x-[\w-]*(?:key|token))"
    r"(\s*[:=]\s*)((?:(?:bearer|basic|digest|token|apikey)\s+)?[^\s,;&]+)"
)
#: ``Bearer abc``, ``Basic abc`` anywhere (the credential must look like one: digits, ``+/=`` or mixed case).
_AUTH_SCHEME = re.compile(r"(?i)\b(bearer|basic|digest)(\s+)([A-Za-z0-9._~+/=-]{6,})")
#: ``password=abc``, ``"token": "a b"``, ``apiKey: abc``.
_SECRET_PAIR = re.compile(r"""(["']?)\b([\w.-]+)\1(\s*[=:]\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'&,;<>}\]]+))""")


def _sanitize_url_match(match: re.Match) -> str:
    """A URL found in a text, sanitised; punctuation ending the sentence stays outside it."""
    url = match.group(0)
    core = url.rstrip(".,;:!?)]")
    return sanitize_url(core) + url[len(core) :]


def _looks_like_credential(value: str) -> bool:
    return any(c.isdigit() or c in "+/=" for c in value) or (value.lower() != value and value.upper() != value)


def _mask_scheme(match: re.Match) -> str:
    if not _looks_like_credential(match.group(3)):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{MASK}"


def _mask_pair(match: re.Match) -> str:
    quote_name, name, separator, double, single, bare = match.groups()
    if not is_secret_param(name) or MASK in (double, single, bare):
        return match.group(0)
    if double is not None:
        value = f'"{MASK}"'
    elif single is not None:
        value = f"'{MASK}'"
    else:
        value = MASK
    return f"{quote_name}{name}{quote_name}{separator}{value}"


def scrub_text(text, secrets: Iterable[str] = ()) -> str:
    """``text`` with every secret masked (see the module's documentation); ``secrets``: more values to mask."""
    if text is None:
        return ""
    result = str(text)
    if not result:
        return result
    extra = [str(s) for s in secrets if s and len(str(s)) >= MIN_SECRET_LENGTH]
    for secret in sorted(set(extra), key=len, reverse=True) + known_secrets():
        if secret in result:
            result = result.replace(secret, MASK)
    result = _URL_IN_TEXT.sub(_sanitize_url_match, result)
    result = _CREDENTIAL_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", result)
    result = _AUTH_SCHEME.sub(_mask_scheme, result)
    return _SECRET_PAIR.sub(_mask_pair, result)
