"""Atomic PostgreSQL outputs: a layer output written to a PostGIS table appears whole, or not at all.

When the user saves a feature sink output to a PostgreSQL table ("Save to Database Table…" in the Processing
dialog, or a ``postgres:`` / ``postgres://`` / ``postgis:`` destination in ``qgis_process`` and
``processing.run``), QGIS's own sink drops any table of that name at once and inserts the rows as they come: a
failed or cancelled run would leave a half-filled table that looks like the result, and the previous table lost.

Here the sink writes into a temporary table of the same schema, ``<name>__terridata_tmp_<8 hex digits>``. When
the run has succeeded, :meth:`DatabaseOutputs.commit` checks that every row reached the table, then in one
transaction per database drops the previous table of the chosen name (Processing always replaces an output table)
and renames the temporary table (and its primary key index and key sequence) to that name. When the run fails or
is cancelled, :meth:`DatabaseOutputs.discard` drops the temporary tables. Either way nothing else is left. (Only
a QGIS crash in the middle of a run can leave a ``…__terridata_tmp_…`` table: its name says what it is.)

Every :class:`~.base.TerriDataAlgorithm` does this by itself: its ``parameterAsSink`` goes through
:meth:`DatabaseOutputs.create_sink`, and the run wrapper of ``processAlgorithm`` commits after success and
discards after a failure. An algorithm only writes through ``self.parameterAsSink`` as usual and returns the
destination id it got (the final table's). Other destinations (files, ``TEMPORARY_OUTPUT``, other databases)
are left to QGIS unchanged.

SQL is run through QGIS's PostgreSQL connection (:func:`providers.postgis.connection.execute`): identifiers
quoted, messages naming the connection and never its password.
"""

from __future__ import annotations

import re
import secrets as _random
from dataclasses import dataclass, field

from qgis.core import (
    QgsDataSourceUri,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
)

from ..core.aggregation.pushdown_sql import TableRef, quote_identifier, quote_literal
from ..providers.postgis.connection import PostgisError, PostgisLayer, execute, postgis_table
from ..toolbelt.i18n import tr
from ..toolbelt.secrets import scrub_text
from .output_checks import plain_value

#: What names a temporary output table: ``<name>__terridata_tmp_<8 hex digits>``.
TEMPORARY_MARK = "__terridata_tmp_"
_MAX_IDENTIFIER_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1: longer names are silently cut
_PROVIDER_AND_URI = re.compile(r"^(.{3,}?):(.*)$", re.DOTALL)  # QgsProcessingUtils' own split of "key:uri"


def postgres_destination(text) -> QgsDataSourceUri | None:
    """The data source URI of a ``postgres:…``, ``postgres://…`` or ``postgis:…`` destination with a table,
    else None (a file, ``TEMPORARY_OUTPUT``, another database kind)."""
    if not isinstance(text, str) or not text:
        return None
    matched, provider, uri = QgsProcessingUtils.decodeProviderKeyAndUri(text)
    if not matched:
        split = _PROVIDER_AND_URI.match(text)
        if split is None:
            return None
        provider, uri = split.group(1), split.group(2)
        if provider.lower() in ("postgres", "postgis") and uri.startswith("//"):
            uri = uri[2:]
    if provider.lower() not in ("postgres", "postgis"):
        return None
    parsed = QgsDataSourceUri(uri)
    return parsed if parsed.table() else None


def temporary_name(table: str) -> str:
    """``<table>__terridata_tmp_<8 random hex digits>``, the table name cut so that the whole stays within
    PostgreSQL's 63 bytes (a longer name would be cut by the server)."""
    suffix = TEMPORARY_MARK + _random.token_hex(4)
    base = table
    while len((base + suffix).encode("utf-8")) > _MAX_IDENTIFIER_BYTES:
        base = base[:-1]
    return base + suffix


def input_replaced(alg, parameters, context) -> str:
    """A translated refusal when a PostgreSQL table output of ``alg`` is one of its input tables (the run would
    replace the data it reads), else ``""``. Checked before any work (``TerriDataAlgorithm.checkParameterValues``)."""
    outputs = []
    for param in alg.destinationParameterDefinitions():
        uri = postgres_destination(plain_value(parameters.get(param.name()), context))
        if uri is not None:
            outputs.append((param, uri))
    if not outputs:
        return ""
    for param in alg.parameterDefinitions():
        if param.isDestination() or param.type() not in ("source", "vector") or parameters.get(param.name()) is None:
            continue
        layer = alg.parameterAsVectorLayer(parameters, param.name(), context)
        if layer is None or layer.providerType() != "postgres":
            continue
        source = QgsDataSourceUri(layer.source())
        for output, uri in outputs:
            same_table = (uri.schema() or "public", uri.table()) == (source.schema() or "public", source.table())
            if same_table and _database_key(uri) == _database_key(source):
                return tr(
                    "Output '{}' ({}) would replace the input '{}' ({}), the table {}.{}: choose another table "
                    "for the output. Nothing was written.",
                    output.description(),
                    output.name(),
                    param.description(),
                    param.name(),
                    source.schema() or "public",
                    source.table(),
                )
    return ""


def _database_key(uri: QgsDataSourceUri) -> tuple:
    return postgis_table(uri, TableRef("", "", "", 0)).database


@dataclass
class DatabaseOutput:
    """One output being written: the temporary table the sink fills and the table it becomes."""

    parameter: str  # the output parameter's name
    database: PostgisLayer  # connection of the output's database; table = the final table
    temporary: str  # name of the temporary table (same schema)
    sink: _CountingSink = field(repr=False)

    @property
    def final(self) -> TableRef:
        return self.database.table

    @property
    def temporary_qualified(self) -> str:
        return f"{quote_identifier(self.final.schema)}.{quote_identifier(self.temporary)}"

    @property
    def shown(self) -> str:
        """How messages name the output table: ``schema.table``."""
        return f"{self.final.schema}.{self.final.table}"


class DatabaseOutputs:
    """The PostgreSQL outputs of one run (see the module's documentation)."""

    def __init__(self):
        self.pending: list = []

    def create_sink(self, make_sink, parameters: dict, name: str, context):
        """``(sink, destination id)`` for output ``name`` when it is a PostgreSQL table, else None.

        ``make_sink(parameters)`` is QGIS's ``parameterAsSink`` with the algorithm's other arguments; it is called
        with the destination turned to the temporary table. The returned sink counts its rows; the destination id
        is the final table's (what the algorithm returns and QGIS loads after the run).
        """
        value = parameters.get(name) if parameters else None
        definition = value if isinstance(value, QgsProcessingOutputLayerDefinition) else None
        if definition is not None and definition.useRemapping():
            return None  # appending to an existing table: QGIS's own sink
        uri = postgres_destination(plain_value(value, context))
        if uri is None:
            return None
        database = self._database(uri, context)
        for other in self.pending:
            if other.database.database == database.database and other.final == database.table:
                raise QgsProcessingException(
                    tr(
                        "Outputs {} and {} are the same table {} of {}: one would replace the other. "
                        "Choose another table for one of them.",
                        other.parameter,
                        name,
                        other.shown,
                        database.label,
                    )
                )
        temporary = temporary_name(database.table.table)
        tmp_uri = QgsDataSourceUri(uri)
        tmp_uri.setDataSource(database.table.schema, temporary, uri.geometryColumn(), uri.sql(), uri.keyColumn())
        tmp_destination = QgsProcessingUtils.encodeProviderKeyAndUri("postgres", tmp_uri.uri(False))
        if definition is not None:
            changed = QgsProcessingOutputLayerDefinition(definition)
            changed.sink = QgsProperty.fromValue(tmp_destination)
        else:
            changed = tmp_destination
        try:
            sink, dest_id = make_sink(dict(parameters, **{name: changed}))
        except QgsProcessingException as exc:
            detail = scrub_text(str(exc), [database.password, database.connection_info])
            detail = detail.replace(temporary, database.table.table)
            raise QgsProcessingException(
                tr(
                    "The table {}.{} could not be created in the database {}: {}",
                    database.table.schema,
                    database.table.table,
                    database.label,
                    detail,
                )
            ) from None
        if sink is None:
            return None, dest_id
        output = DatabaseOutput(name, database, temporary, _CountingSink(sink))
        self.pending.append(output)
        final_uri = QgsDataSourceUri(tmp_uri)
        final_uri.setDataSource(database.table.schema, database.table.table, uri.geometryColumn(), uri.sql())
        final_uri.setKeyColumn(uri.keyColumn())
        if dest_id == tmp_destination:
            dest_id = QgsProcessingUtils.encodeProviderKeyAndUri("postgres", final_uri.uri(False))
        else:
            dest_id = str(dest_id).replace(temporary, database.table.table)
        return output.sink, dest_id

    @staticmethod
    def _database(uri: QgsDataSourceUri, context) -> PostgisLayer:
        """The output's database, its schema resolved (a destination without schema goes where the server puts
        new tables: ``current_schema()``)."""
        table = TableRef(uri.schema(), uri.table(), uri.geometryColumn(), 0, uri.keyColumn())
        database = postgis_table(uri, table)
        if not table.schema:
            try:
                schema = execute(database, "SELECT current_schema()")[0][0]
            except PostgisError as exc:
                raise QgsProcessingException(str(exc)) from None
            table = TableRef(str(schema), uri.table(), uri.geometryColumn(), 0, uri.keyColumn())
            database = postgis_table(uri, table)
        return database

    # ---------------------------------------------------------------------------------------------------- end
    def commit(self, feedback=None) -> None:
        """Make every pending output its final table (see the module's documentation); QgsProcessingException
        when a row is missing or the database refuses, after the temporary tables were dropped."""
        outputs, self.pending = self.pending, []
        if not outputs:
            return
        try:
            by_database = {}
            for output in outputs:
                output.sink.close()  # QGIS's sink writes its last rows when it is deleted
                self._check_rows(output, feedback)
                by_database.setdefault(output.database.connection_info, []).append(output)
            for group in by_database.values():
                execute(group[0].database, _commit_sql(group), feedback)
                for output in group:
                    outputs.remove(output)
                    if feedback is not None:
                        feedback.pushInfo(
                            tr("Table {} written in the database {}.", output.shown, output.database.label)
                        )
        except PostgisError as exc:
            self.pending = outputs
            self.discard(feedback)
            raise QgsProcessingException(
                tr("{} Nothing was written: tables already in the database are unchanged.", str(exc))
            ) from None
        except BaseException:
            self.pending = outputs
            self.discard(feedback)
            raise

    def _check_rows(self, output: DatabaseOutput, feedback) -> None:
        rows = execute(output.database, f"SELECT count(*) FROM {output.temporary_qualified}", feedback)
        written = int(rows[0][0])
        if written != output.sink.count:
            raise PostgisError(
                tr(
                    "Only {} of the {} rows of the output {} could be written to the table {} of {}.",
                    written,
                    output.sink.count,
                    output.parameter,
                    output.shown,
                    output.database.label,
                )
            )

    def discard(self, feedback=None) -> None:
        """Drop the temporary tables of the pending outputs (after a failure or a cancel). Never raises: a
        table that cannot be dropped is reported by its name so that the user can drop it."""
        outputs, self.pending = self.pending, []
        for output in outputs:
            output.sink.close()
            try:
                execute(output.database, f"DROP TABLE IF EXISTS {output.temporary_qualified}")  # not cancellable
            except PostgisError as exc:
                if feedback is not None:
                    feedback.reportError(
                        tr(
                            "The temporary table {}.{} could not be removed: {} Drop it in the database.",
                            output.final.schema,
                            output.temporary,
                            str(exc),
                        ),
                        False,
                    )


def _commit_sql(outputs) -> str:
    """One transaction (one multi-statement string: libpq runs it as a single transaction) that replaces each
    output's table by its temporary table, then gives the temporary table's indexes and sequences the names
    PostgreSQL would have given (when free and not too long)."""
    statements = []
    renames = []
    for output in outputs:
        final = output.final
        statements.append(f"DROP TABLE IF EXISTS {final.qualified}")
        statements.append(f"ALTER TABLE {output.temporary_qualified} RENAME TO {quote_identifier(final.table)}")
        renames.append(
            f"FOR r IN SELECT c.relname, c.relkind FROM pg_class c WHERE c.oid IN ("
            f"SELECT indexrelid FROM pg_index WHERE indrelid = {quote_literal(final.qualified)}::regclass "
            f"UNION SELECT objid FROM pg_depend WHERE refobjid = {quote_literal(final.qualified)}::regclass "
            "AND classid = 'pg_class'::regclass AND deptype IN ('a', 'i')) LOOP "
            f"wanted := replace(r.relname, {quote_literal(output.temporary)}, {quote_literal(final.table)}); "
            f"IF wanted <> r.relname AND octet_length(wanted) <= {_MAX_IDENTIFIER_BYTES} "
            f"AND to_regclass(quote_ident({quote_literal(final.schema)}) || '.' || quote_ident(wanted)) IS NULL "
            "THEN EXECUTE format(CASE r.relkind WHEN 'S' THEN 'ALTER SEQUENCE %I.%I RENAME TO %I' "
            "ELSE 'ALTER INDEX %I.%I RENAME TO %I' END, "
            f"{quote_literal(final.schema)}, r.relname, wanted); END IF; END LOOP;"
        )
    body = "DECLARE r record; wanted text; BEGIN " + " ".join(renames) + " END"
    tag = "$terridata$"
    if tag in body:
        raise PostgisError(tr("A table name contains {}: choose another name for the output.", tag))
    statements.append(f"DO {tag} {body} {tag}")
    return "; ".join(statements)


class _CountingSink(QgsFeatureSink):
    """QGIS's sink, counting the rows given to it; :meth:`close` deletes QGIS's sink (which writes its last
    buffered rows then), after which the sink refuses rows."""

    def __init__(self, sink):
        super().__init__()
        self._sink = sink
        self.count = 0

    def addFeature(self, feature, flags=QgsFeatureSink.Flags()):  # noqa: N802, B008
        return self.addFeatures([feature], flags)

    def addFeatures(self, features, flags=QgsFeatureSink.Flags()):  # noqa: N802, B008
        if not isinstance(features, (list, tuple)):
            features = list(features)  # an iterator (QgsFeatureIterator, generator): counted once
        if self._sink is None:
            raise QgsProcessingException(tr("The output table is already closed: no row can be added."))
        ok = self._sink.addFeatures(features, flags)
        if isinstance(ok, tuple):
            ok = ok[0]
        self.count += len(features)
        return bool(ok)

    def flushBuffer(self):  # noqa: N802
        return self._sink.flushBuffer() if self._sink is not None else True

    def lastError(self):  # noqa: N802
        return self._sink.lastError() if self._sink is not None else ""

    def close(self) -> None:
        self._sink = None
