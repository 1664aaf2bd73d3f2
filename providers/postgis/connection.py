"""The PostGIS table behind a QGIS layer, and SQL run on its database through QGIS's provider connection.

QGIS opens the connection (``QgsProviderRegistry.providerMetadata('postgres').createConnection``) with the layer's
own connection information: a saved connection's authentication configuration (``authcfg``) or service applies
as for the layer itself, and TerriData never reads the password. Errors name the connection (a saved connection's
name, or host:port/database) and are scrubbed by :mod:`toolbelt.secrets`: never a password.
Cancelling the ``QgsFeedback`` given to :func:`execute` cancels the running statement on the server (QGIS sends
libpq's cancel request, what ``pg_cancel_backend`` does), and the implicit transaction of the statements is
rolled back: no half-made table stays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import (
    QgsDataSourceUri,
    QgsFeedback,
    QgsProviderConnectionException,
    QgsProviderRegistry,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.aggregation.pushdown_sql import TableRef
from ...toolbelt.i18n import tr
from ...toolbelt.secrets import scrub_text


class PostgisError(Exception):
    """A connection or SQL failure, with a message safe to show (connection named, no password)."""


@dataclass(frozen=True)
class PostgisLayer:
    """A layer read from a PostGIS table: its table, its database and a label for messages."""

    table: TableRef
    database: tuple  # (service, host, port, database name): two layers with equal tuples share a database
    label: str  # the saved connection's name, else host:port/database
    connection_info: str = field(repr=False)  # what QGIS needs to connect (may hold a password: never shown)
    password: str = field(repr=False)  # only to scrub it from messages


def _database(uri: QgsDataSourceUri) -> tuple:
    return (uri.service(), uri.host() or "localhost", uri.port() or "5432", uri.database())


def connection_label(uri: QgsDataSourceUri) -> str:
    """The name of the saved PostgreSQL connection to this database, else ``host:port/database``."""
    wanted = _database(uri)
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        saved = metadata.connections(False) if metadata is not None else {}
    except QgsProviderConnectionException:
        saved = {}
    for name, conn in sorted(saved.items()):
        if _database(QgsDataSourceUri(conn.uri())) == wanted:
            return name
    service, host, port, database = wanted
    return f"service={service}/{database}" if service else f"{host}:{port}/{database}"


def postgis_table(uri: QgsDataSourceUri, table: TableRef) -> PostgisLayer:
    """The :class:`PostgisLayer` of ``table`` in the database of ``uri`` (e.g. an output table not made yet)."""
    return PostgisLayer(table, _database(uri), connection_label(uri), uri.connectionInfo(False), uri.password())


def postgis_layer(layer, need_geometry: bool = True):
    """The :class:`PostgisLayer` of a QGIS vector layer, or ``(None, reason)`` when it is not a plain PostGIS
    table (another provider, a SQL query as table, a composite key); returns ``(PostgisLayer, "")`` otherwise."""
    if layer is None or layer.providerType() != "postgres":
        return None, tr("not a PostgreSQL layer")
    uri = QgsDataSourceUri(layer.source())
    table = uri.table()
    if not table or table.lstrip().startswith("("):
        return None, tr("the layer is a SQL query, not a table")
    key = uri.keyColumn().strip().strip('"')
    if not key or "," in key:
        return None, tr("the layer has no single-column key")
    srid = uri.srid()
    srid = int(srid) if srid and srid.isdigit() else layer.crs().postgisSrid()
    ref = TableRef(
        schema=uri.schema(),
        table=table,
        geometry=uri.geometryColumn(),
        srid=int(srid),
        key=key,
        subset=layer.subsetString() or "",
        multi=QgsWkbTypes.isMultiType(layer.wkbType()),
    )
    if need_geometry and not ref.geometry:
        return None, tr("the layer has no geometry column")
    return postgis_table(uri, ref), ""


def execute(layer: PostgisLayer, sql: str, feedback: QgsFeedback | None = None) -> list:
    """Rows of the last statement of ``sql`` as lists of plain Python values (NULL → None).

    PostgisError (message naming the connection, scrubbed) when the connection or the SQL fails, or when the
    feedback was cancelled (the statement is then cancelled on the server).
    """
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    if metadata is None:
        raise PostgisError(tr("QGIS has no PostgreSQL provider: use the desktop engine."))
    try:
        conn = metadata.createConnection(layer.connection_info, {})
        rows = conn.executeSql(sql, feedback) if feedback is not None else conn.executeSql(sql)
    except Exception as exc:  # noqa: BLE001 - QGIS raises QgsProviderConnectionException or a bare QgsException
        text = scrub_text(str(exc), [layer.password, layer.connection_info])
        if feedback is not None and feedback.isCanceled():
            raise PostgisError(tr("Cancelled: the query was stopped on the server of {}.", layer.label)) from None
        if "Connection failed" in text or "connection" in text.lower() and "failed" in text.lower():
            raise PostgisError(
                tr(
                    "Could not connect to the PostgreSQL database {}: check that the server runs and accepts "
                    "connections, and the user name and password of the connection (or its authentication "
                    "configuration).",
                    layer.label,
                )
            ) from None
        first = text.splitlines()[0] if text else ""
        detail = text[text.find("ERROR:") :].strip() if "ERROR:" in text else first
        raise PostgisError(tr("The database {} refused the query: {}", layer.label, detail[:500])) from None
    return [[_plain(v) for v in row] for row in rows]


def _plain(value):
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value
