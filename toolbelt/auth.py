"""Secrets come only from the QGIS authentication database, named by a configuration id (``authcfg``).

The secret itself is never logged, stored in settings or put into an error message: the messages here only name
the configuration id, and every secret read here is handed to ``toolbelt.secrets`` so that the one sanitiser masks
it wherever it might appear (an error page echoing it, a log line).
"""

from __future__ import annotations

from typing import Dict

from .i18n import tr
from .secrets import remember_basic_credentials, remember_header_secret, remember_secret

#: Config entries that may hold the secret, in order of preference (Basic stores ``password``; other methods
#: such as API header or token configurations use one of the others).
SECRET_ENTRIES = ("password", "key", "token", "value")

#: Lower-case names of the request headers known to carry a credential: the network layer never caches such
#: requests nor echoes their answers in messages. :func:`apply_api_key_header` adds the names it uses.
CREDENTIAL_HEADERS = {"authorization", "proxy-authorization", "cookie", "x-api-key", "apikey", "api-key"}


class AuthConfigError(Exception):
    """An authentication configuration could not provide its secret (message is user-facing, secret-free)."""


def _auth_manager():
    from qgis.core import QgsApplication

    return QgsApplication.authManager()


def check_authcfg(authcfg: str) -> None:
    """Raise :class:`AuthConfigError` unless ``authcfg`` names a configuration of a usable auth database."""
    manager = _auth_manager()
    if manager is None or manager.isDisabled():
        reason = manager.disabledMessage() if manager is not None else ""
        raise AuthConfigError(
            tr(
                "The QGIS authentication system is disabled ({}), so the authentication configuration '{}' "
                "cannot be used. Check the QGIS authentication settings (Settings > Options > Authentication).",
                reason,
                authcfg,
            )
        )
    if authcfg not in manager.configIds():
        raise AuthConfigError(
            tr(
                "The authentication configuration '{}' does not exist in this QGIS profile. Choose an existing "
                "configuration (Settings > Options > Authentication) or create one.",
                authcfg,
            )
        )


def secret_from_authcfg(authcfg: str) -> str:
    """The secret (password, key, token or value) stored in the QGIS authentication configuration ``authcfg``."""
    from qgis.core import QgsAuthMethodConfig

    if not authcfg:
        raise AuthConfigError(tr("No authentication configuration was given: choose one that holds the key."))
    check_authcfg(authcfg)
    manager = _auth_manager()
    if not manager.masterPasswordIsSet():
        # In QGIS this asks the user for the master password; headless it fails unless it was provided.
        manager.setMasterPassword(True)
    if not manager.masterPasswordIsSet():
        raise AuthConfigError(
            tr(
                "The QGIS authentication database is locked: the master password was not entered, so the "
                "configuration '{}' cannot be read. Unlock it (Settings > Options > Authentication) and try again.",
                authcfg,
            )
        )
    config = QgsAuthMethodConfig()
    result = manager.loadAuthenticationConfig(authcfg, config, True)
    ok, config = result if isinstance(result, tuple) else (result, config)
    if not ok:
        raise AuthConfigError(
            tr(
                "The authentication configuration '{}' could not be read (wrong master password or damaged "
                "authentication database). Unlock the database or recreate the configuration.",
                authcfg,
            )
        )
    _remember_config_secrets(config)
    for name in SECRET_ENTRIES:
        value = config.config(name, "")
        if value:
            return value
    raise AuthConfigError(
        tr(
            "The authentication configuration '{}' ({}) holds no password, key or token. Edit it and store the "
            "secret in it.",
            authcfg,
            config.method(),
        )
    )


def _remember_config_secrets(config) -> None:
    for name in SECRET_ENTRIES:
        remember_secret(config.config(name, ""))
    if config.config("password", ""):
        remember_basic_credentials(config.config("username", ""), config.config("password", ""))


def remember_authcfg_secrets(authcfg: str) -> None:
    """Have the sanitiser mask the secrets of ``authcfg`` (only when the database is already unlocked: never asks)."""
    from qgis.core import QgsAuthMethodConfig

    manager = _auth_manager()
    if not authcfg or manager is None or manager.isDisabled() or not manager.masterPasswordIsSet():
        return
    config = QgsAuthMethodConfig()
    result = manager.loadAuthenticationConfig(authcfg, config, True)
    ok, config = result if isinstance(result, tuple) else (result, config)
    if ok:
        _remember_config_secrets(config)


def apply_api_key_header(request_headers: Dict[str, str], header_name: str, authcfg: str) -> Dict[str, str]:
    """Put the secret of ``authcfg`` in ``request_headers[header_name]`` (e.g. ``X-INSEE-Api-Key-Integration``).

    Returns the same dict. The network layer never caches a request whose headers carry a credential.
    """
    if not header_name or any(c in header_name for c in "\r\n:"):
        raise ValueError(f"Invalid HTTP header name {header_name!r}")
    request_headers[header_name] = secret_from_authcfg(authcfg)
    remember_header_secret(header_name, request_headers[header_name])
    CREDENTIAL_HEADERS.add(header_name.lower())
    return request_headers
