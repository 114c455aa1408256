"""The engines (DuckDB, Spark), their dialects, the loading of the tables and their checks."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

import attrs

from dme_rules.engine.kinds import TEXT
from dme_rules.errors import DmeRulesError, InvalidArgumentError, TableRowsError, why_not
from dme_rules.jurisdictions.fr.dmp_logs._sql import (
    _q,
    _with_day,
)
from dme_rules.jurisdictions.fr.dmp_logs._tables import (
    _BOOL,
    _CODE,
    _CODES,
    _DATE,
    _FIRST_YEAR,
    _INSTANT,
    _LAST_YEAR,
    _SPECS,
    _TEXT,
    _day,
    _micros,
)

# -- the dialects ------------------------------------------------------------------------------


@attrs.frozen
class Dialect:
    """What differs between the engines' SQL, each piece named: the rest is shared.

    Attributes:
        micros: An instant column as microseconds since the epoch.
        day: A date column as days since 1970-01-01.
        visible: Whether a text holds a printable ASCII character (then it is visible
            text; the others are checked in Python).
        quote: A column's name quoted (``at`` is a keyword of DuckDB).
        types: How the engine names each kind of column's types.
    """

    quote: str
    micros: str
    day: str
    visible: str
    types: Mapping[str, tuple[str, ...]]


#: Each engine's dialect.
DIALECTS: dict[str, Dialect] = {
    "duckdb": Dialect(
        quote='"{}"',
        micros="epoch_us(CAST({} AS TIMESTAMPTZ))",
        day="({} - DATE '1970-01-01')",
        visible="regexp_matches({}, '[!-~]')",
        types={
            _TEXT: ("VARCHAR",),
            _CODE: ("VARCHAR",),
            _BOOL: ("BOOLEAN",),
            _DATE: ("DATE",),
            _INSTANT: ("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ_NS"),
        },
    ),
    "spark": Dialect(
        quote="`{}`",
        micros="unix_micros({})",
        day="unix_date({})",
        visible="({} RLIKE '[!-~]')",
        types={
            _TEXT: ("string",),
            _CODE: ("string",),
            _BOOL: ("boolean",),
            _DATE: ("date",),
            _INSTANT: ("timestamp",),
        },
    ),
}
#: What a column of each kind holds, in English and French.
_KIND_WORDS = {
    _TEXT: ("text", "du texte"),
    _CODE: ("text", "du texte"),
    _BOOL: ("booleans", "des booléens"),
    _DATE: ("dates", "des dates"),
    _INSTANT: ("timezone-aware timestamps", "des horodatages avec fuseau"),
}
#: The type names of a column that holds only nulls (a pandas column of None).
_NULL_TYPES = ("NULL", '"NULL"', "void")


# -- the checks ---------------------------------------------------------------------------------


@attrs.frozen
class _Check:
    """One thing the tables must not hold, counted by SQL."""

    table: str
    column: str
    where: str  # the rows at fault (over the table's loaded view, aliased t)
    expected: str
    expected_fr: str
    from_: str = ""  # the view to count in, when not the table's


def _checks(given: list[str], dialect: Dialect) -> list[_Check]:
    first, last = _day(date(_FIRST_YEAR, 1, 1)), _day(date(_LAST_YEAR, 12, 31))
    first_us = _micros(datetime(_FIRST_YEAR, 1, 1, tzinfo=UTC))
    last_us = _micros(datetime(_LAST_YEAR + 1, 1, 1, tzinfo=UTC))
    years = f"the years {_FIRST_YEAR}-{_LAST_YEAR}", f"les années {_FIRST_YEAR} à {_LAST_YEAR}"
    checks: list[_Check] = []
    for table in given:
        for column in _SPECS[table]:
            name = column.name
            value = f"t.{name}_us" if column.kind == _INSTANT else f"t.{name}"
            if column.required:
                every = "a value in every row", "une valeur dans chaque ligne"
                checks.append(_Check(table, name, f"{value} IS NULL", *every))
            if column.kind == _CODE:
                codes = _CODES[table, name]
                listed = ", ".join(codes)
                checks.append(_Check(
                    table, name, f"{value} NOT IN ({', '.join(map(_q, codes))})",
                    f"one of {listed}", f"une valeur parmi {listed}",
                ))  # fmt: skip
            if column.kind == _DATE:
                outside = f"({value} < {first} OR {value} > {last})"
                in_years = f"a date in {years[0]}", f"une date des {years[1]}"
                checks.append(_Check(table, name, outside, *in_years))
            if column.kind == _INSTANT:
                checks.append(_Check(
                    table, name, f"({value} < {first_us} OR {value} >= {last_us})",
                    f"an instant in {years[0]}", f"un instant des {years[1]}",
                ))  # fmt: skip
    twice = {"records": ("record_id",), "accesses": ("record_id", "access_id"),
             "deposits": ("record_id", "deposit_id")}  # fmt: skip
    for table, key in twice.items():
        if table in given:
            keys = ", ".join(key)
            in_record = table != "records"
            checks.append(_Check(
                table, key[-1], "TRUE", f"each {key[-1]} once" + (" in a record" * in_record),
                f"chaque {key[-1]} une fois" + (" par dossier" * in_record),
                from_=f"(SELECT {keys} FROM dmp_{table} WHERE {key[-1]} IS NOT NULL "
                      f"GROUP BY {keys} HAVING COUNT(*) > 1)",
            ))  # fmt: skip
    # Facts that cannot be true, as the record refuses them.
    if "records" in given:
        for later, earlier, what, what_fr in (
            ("closed_on", "authorized_on", "the authorization", "celle de l'autorisation"),
            ("purged_on", "closed_on", "the closure", "celle de la fermeture"),
        ):
            checks.append(_Check("records", later, f"t.{later} < t.{earlier}",
                                 f"a date on or after {what}",
                                 f"une date égale ou postérieure à {what_fr}"))  # fmt: skip
    if "emergency_oppositions" in given:
        checks.append(_Check("emergency_oppositions", "withdrawn_on",
                             "t.withdrawn_on < t.filed_on", "a date on or after the opposition",
                             "une date égale ou postérieure à celle de l'opposition"))  # fmt: skip
    if "deposits" in given:
        dated = "(SELECT * FROM dmp_deposits WHERE at_us IS NOT NULL)"
        for name in ("announcement_on", "holder_informed_on", "made_accessible_on"):
            checks.append(_Check("deposits", name, f"t.{name} < t.day",
                                 "a date on or after the deposit's date in Paris",
                                 "une date égale ou postérieure à celle du versement à Paris",
                                 from_=_with_day(dated)))  # fmt: skip
    return checks


def _checks_sql(checks: list[_Check]) -> str:
    counts = ",\n  ".join(
        f"(SELECT COUNT(*) FROM {check.from_ or 'dmp_' + check.table} t WHERE {check.where}) "
        f"AS c{index}"
        for index, check in enumerate(checks)
    )
    return f"SELECT\n  {counts}"


def _invisible_sql(given: list[str], dialect: Dialect) -> str | None:
    """The texts of the id columns that hold no printable ASCII character, with their counts
    (Python then decides whether each is visible text)."""
    parts = [
        f"SELECT '{table}' AS t, '{column.name}' AS c, {column.name} AS v, COUNT(*) AS n "
        f"FROM dmp_{table} WHERE {column.name} IS NOT NULL AND NOT "
        f"{dialect.visible.format(column.name)} GROUP BY {column.name}"
        for table in given
        for column in _SPECS[table]
        if column.kind == _TEXT
    ]
    return " UNION ALL ".join(parts) or None


def _refuse(table: str, column: str, count: int, expected: str, expected_fr: str) -> None:
    raise TableRowsError(table, column, count, expected, expected_fr=expected_fr)


# -- the engines --------------------------------------------------------------------------------


#: Why a table's file cannot be read when it is there (French, English).
NOT_PARQUET = ("ce n'est pas un fichier Parquet lisible", "not a readable Parquet file")


def unreadable(name: str, source: Any, why_fr: str, why_en: str) -> DmeRulesError:
    """The error of a table ``name`` whose file ``source`` cannot be read, and why."""
    path = os.fspath(source)
    return DmeRulesError.of(
        f"{name} : lecture de {path} impossible ({why_fr})",
        f"{name}: cannot read {path} ({why_en})",
    )


class _Engine:
    """One engine's session: register a source as a view, read a view's column types, run SQL
    into Arrow, make a table of a query."""

    name: str
    dialect: Dialect

    def register(self, name: str, source: Any, table: str) -> None:
        raise NotImplementedError  # pragma: no cover

    def types(self, name: str) -> dict[str, str]:
        raise NotImplementedError  # pragma: no cover

    def view(self, name: str, sql: str) -> None:
        raise NotImplementedError  # pragma: no cover

    def materialize(self, name: str, sql: str) -> None:
        self.view(name, sql)

    def arrow(self, sql: str) -> Any:
        raise NotImplementedError  # pragma: no cover

    def close(self, owned: bool) -> None:
        """Let go of what the audit made (and of the session when it made it)."""


def _arrow_of(source: Any, name: str) -> Any:
    import pyarrow as pa

    if isinstance(source, pa.Table):
        return source
    if type(source).__module__.startswith("pandas"):
        try:
            return pa.Table.from_pandas(source, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
            raise InvalidArgumentError(
                name, "a DataFrame whose columns each hold one type", str(error),
                expected_fr="un DataFrame dont chaque colonne a un seul type",
            ) from None  # fmt: skip
    raise InvalidArgumentError(
        name, "a Parquet path, an Arrow table or a pandas DataFrame", source,
        expected_fr="un chemin Parquet, une table Arrow ou un DataFrame pandas",
    )  # fmt: skip


def _check_nanoseconds(table: Any, name: str) -> None:
    """Refuse instants finer than the microsecond in an Arrow table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in _SPECS[name]:
        if column.kind != _INSTANT or column.name not in table.column_names:
            continue
        values = table.column(column.name)
        if pa.types.is_timestamp(values.type) and values.type.unit == "ns":
            nanos = pc.cast(values, pa.int64())
            finer = pc.sum(
                pc.not_equal(pc.subtract(nanos, pc.multiply(pc.divide(nanos, 1000), 1000)), 0)
            ).as_py()
            if finer:
                _refuse(name, column.name, finer, "instants to the microsecond",
                        "des instants à la microseconde")  # fmt: skip


class _DuckDB(_Engine):
    name = "duckdb"
    dialect = DIALECTS["duckdb"]

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.kept: list[Any] = []

    def register(self, name: str, source: Any, table: str) -> None:
        if isinstance(source, (str, os.PathLike)):
            path = os.fspath(source).replace("'", "''")
            try:
                os.stat(source)
            except OSError as error:  # why, in words: missing, not allowed…
                raise unreadable(table, source, *why_not(error)) from None
            try:
                self.connection.execute(
                    f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet('{path}')"
                )
            except Exception:  # the engine's own words name its SQL: ours name the file
                raise unreadable(table, source, *NOT_PARQUET) from None
            return
        given_arrow = type(source).__module__.startswith("pyarrow")
        arrow = source if given_arrow else _arrow_of(source, table)
        self.kept.append(arrow)
        self.connection.register(name, arrow)

    def types(self, name: str) -> dict[str, str]:
        rows = self.connection.execute(f"DESCRIBE {name}").fetchall()
        return {row[0]: str(row[1]) for row in rows}

    def view(self, name: str, sql: str) -> None:
        self.connection.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS {sql}")

    def materialize(self, name: str, sql: str) -> None:
        self.connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")

    def arrow(self, sql: str) -> Any:
        relation = self.connection.sql(sql)
        # A relation's Arrow table: to_arrow_table from DuckDB 2, arrow() before.
        fetch: Any = getattr(relation, "to_arrow_table", None) or getattr(relation, "arrow")  # noqa: B009
        return fetch()

    def close(self, owned: bool) -> None:
        if owned:
            self.connection.close()


class _Spark(_Engine):
    name = "spark"
    dialect = DIALECTS["spark"]

    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self.cached: list[Any] = []

    def materialize(self, name: str, sql: str) -> None:
        frame = self.spark.sql(sql).cache()
        self.cached.append(frame)
        frame.createOrReplaceTempView(name)

    def close(self, owned: bool) -> None:
        for frame in self.cached:
            frame.unpersist()

    def register(self, name: str, source: Any, table: str) -> None:
        if isinstance(source, (str, os.PathLike)):
            try:
                frame = self.spark.read.parquet(os.fspath(source))
            except Exception:  # the engine's own words name its internals: ours name the file
                raise unreadable(table, source, *NOT_PARQUET) from None
        else:
            frame = self.spark.createDataFrame(_arrow_of(source, name))  # Arrow, Spark 4
        frame.createOrReplaceTempView(name)

    def types(self, name: str) -> dict[str, str]:
        return {f.name: f.dataType.typeName() for f in self.spark.table(name).schema.fields}

    def view(self, name: str, sql: str) -> None:
        self.spark.sql(sql).createOrReplaceTempView(name)

    def arrow(self, sql: str) -> Any:
        return self.spark.sql(sql).toArrow()


def _engine_of(engine: Any) -> tuple[_Engine, bool]:
    """The engine to run on, and whether this call owns it (and closes it)."""
    if isinstance(engine, str) and engine == "duckdb":
        try:
            import duckdb
        except ImportError:
            raise DmeRulesError(
                "the DuckDB engine needs duckdb: pip install 'dme-rules[logs]' / "
                "le moteur DuckDB a besoin de duckdb : pip install 'dme-rules[logs]'"
            ) from None
        return _DuckDB(duckdb.connect()), True
    if type(engine).__name__ == "DuckDBPyConnection":
        return _DuckDB(engine), False
    if type(engine).__name__ == "SparkSession":
        return _Spark(engine), False
    if isinstance(engine, str) and (
        engine == "spark" or engine.startswith(("spark://", "local", "yarn", "k8s://"))
    ):
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise DmeRulesError(
                "the Spark engine needs pyspark: pip install 'dme-rules[spark]' / "
                "le moteur Spark a besoin de pyspark : pip install 'dme-rules[spark]'"
            ) from None
        master = "local[*]" if engine == "spark" else engine
        spark = (
            SparkSession.builder.master(master).appName("dme-rules dmp-audit")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )  # fmt: skip
        return _Spark(spark), False
    raise InvalidArgumentError(
        "engine", "duckdb, spark, a Spark master URL, a SparkSession or a DuckDB connection",
        engine, expected_fr="duckdb, spark, l'URL d'un maître Spark, une SparkSession ou une "
        "connexion DuckDB",
    )  # fmt: skip


def _load(engine: _Engine, given: dict[str, Any]) -> None:
    """Register each table, check its columns' types, and make its view ``dmp_<table>``:
    instants as ``<column>_us`` (microseconds), dates as day numbers."""
    dialect = engine.dialect
    record_id_types: dict[str, str] = {}
    for table, source in given.items():
        raw = f"dmp_{table}_raw"
        if not isinstance(source, (str, os.PathLike)):
            source = _arrow_of(source, table)
            _check_nanoseconds(source, table)
        engine.register(raw, source, table)
        types = engine.types(raw)
        missing = [c.name for c in _SPECS[table] if c.name not in types and not c.may_be_absent]
        if missing:
            names = ", ".join(c.name for c in _SPECS[table])
            absent = ", ".join(missing)
            raise InvalidArgumentError(
                table, f"the columns {names} ({absent} missing)", sorted(types),
                expected_fr=f"les colonnes {names} ({absent} absentes)",
            )  # fmt: skip
        listed = []
        for column in _SPECS[table]:
            found = types.get(column.name, "NULL")
            quoted = dialect.quote.format(column.name)
            if found not in dialect.types[column.kind] and found not in _NULL_TYPES:
                expected, expected_fr = _KIND_WORDS[column.kind]
                raise InvalidArgumentError(
                    f"{table}.{column.name}", expected, found, expected_fr=expected_fr
                )
            if column.name == "record_id":
                record_id_types[table] = found
            if found in _NULL_TYPES:
                cast = {_TEXT: "STRING", _CODE: "STRING", _BOOL: "BOOLEAN", _DATE: "BIGINT",
                        _INSTANT: "BIGINT"}[column.kind]  # fmt: skip
                name = f"{column.name}_us" if column.kind == _INSTANT else column.name
                listed.append(f"CAST(NULL AS {cast}) AS {name}")
            elif column.kind == _INSTANT:
                if found == "TIMESTAMPTZ_NS":
                    rest = f"epoch_ns({quoted}) % 1000 <> 0"
                    finer = engine.arrow(f"SELECT COUNT(*) AS n FROM {raw} WHERE {rest}")
                    count = finer.column("n")[0].as_py()
                    if count:
                        _refuse(table, column.name, count, "instants to the microsecond",
                                "des instants à la microseconde")  # fmt: skip
                listed.append(f"{dialect.micros.format(quoted)} AS {column.name}_us")
            elif column.kind == _DATE:
                listed.append(f"{dialect.day.format(quoted)} AS {column.name}")
            else:
                listed.append(f"{quoted} AS {column.name}")
        engine.view(f"dmp_{table}", f"SELECT {', '.join(listed)} FROM {raw}")
    if len(set(record_id_types.values())) > 1:
        shown = ", ".join(f"{t}: {k}" for t, k in record_id_types.items())
        raise InvalidArgumentError(
            "record_id", "one type in every table", shown,
            expected_fr="un même type dans chaque table",
        )  # fmt: skip


def _check(engine: _Engine, given: list[str]) -> None:
    """Refuse the rows the record's reading refuses, naming the table, the column and how
    many rows."""
    checks = _checks(given, engine.dialect)
    counts = engine.arrow(_checks_sql(checks)).to_pylist()[0]
    for index, check in enumerate(checks):
        found = int(counts[f"c{index}"] or 0)
        if found:
            _refuse(check.table, check.column, found, check.expected, check.expected_fr)
    invisible = _invisible_sql(given, engine.dialect)
    if invisible is None:
        return
    bad: dict[tuple[str, str], int] = {}
    for row in engine.arrow(invisible).to_pylist():
        try:
            TEXT.check(row["v"], row["c"])
        except InvalidArgumentError:
            bad[row["t"], row["c"]] = bad.get((row["t"], row["c"]), 0) + int(row["n"])
    for (table, column), count in bad.items():
        _refuse(table, column, count, "an id with a visible character",
                "un id avec un caractère visible")  # fmt: skip
