"""The audit's table written in each format: CSV and JSON Lines (for programs, as codes),
Parquet (typed), Excel and HTML (for people, :mod:`dme_rules.audit.people`).
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from dme_rules._files import replacing
from dme_rules.audit.people import html_page, write_xlsx
from dme_rules.audit.rows import (
    COLUMNS,
    ZONE,
    Summary,
    _cells,
    _completed,
    _needs,
    _spreadsheet_cells,
)
from dme_rules.engine import _speed
from dme_rules.errors import InvalidArgumentError

__all__ = ["write_table"]


def write_table(
    rows: Iterable[dict[str, Any]], out: Any, format: str, *, lang: str = "fr",
    summary: Summary | None = None, spreadsheet: bool = False,
) -> None:  # fmt: skip
    """Write ``rows`` to ``out`` (a text stream for csv, jsonl and html; a path or binary
    stream for xlsx and parquet) in ``format``, the columns of :data:`COLUMNS` in every one.

    CSV, JSON Lines and Parquet are for programs: column names and codes, whatever ``lang``.
    ``spreadsheet`` writes the CSV a spreadsheet set to French conventions opens right: UTF-8
    with a byte order mark, ``;`` between cells, a decimal comma. Excel and HTML are for
    people: headings, statuses, parties, rule titles and reasons in words in ``lang``,
    instants in the local time of each row's pack (:data:`ZONE`, which :func:`audit_rows`
    sets); their summary counts ``summary`` (else the rows, an input per source).

    Raises:
        DmeRulesError: The format needs a package that is not installed.
    """
    if format == "csv":
        cells = _spreadsheet_cells if spreadsheet else _cells
        if spreadsheet:
            out.write("\ufeff")  # the byte order mark that tells a spreadsheet it is UTF-8
            writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        else:
            writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        if spreadsheet:
            for row in rows:
                writer.writerow(_not_formulas(cells(row)))
        else:
            # Python's csv module quotes a cell with a line feed but not one with a lone
            # carriage return when lines end at LF: such a row has every cell quoted, so a
            # reader finds the cell as it was.
            quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
            for row in rows:
                written = cells(row)  # None is written as an empty cell
                if any(type(cell) is str and "\r" in cell for cell in written):
                    quoted.writerow(written)
                else:
                    writer.writerow(written)
    elif format == "jsonl":
        for row in rows:
            out.write(_speed.json_line(dict(zip(COLUMNS, _cells(row), strict=True))))
    elif format == "xlsx":
        with _written(out) as target:
            write_xlsx(_checked(rows), target, lang, summary)
    elif format == "parquet":
        with _written(out) as target:
            _write_parquet(_checked(rows), target)
    elif format == "html":
        out.write(html_page(list(rows), lang, summary))
    else:  # pragma: no cover - the command line offers only the formats above
        known = "csv, jsonl, xlsx, parquet, html"
        raise InvalidArgumentError(
            "format", f"one of {known}", format, expected_fr=f"un format parmi {known}"
        )


#: What a spreadsheet may take for the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A number as the spreadsheet's CSV writes it (a negative one is a number, not a formula).
_NUMBER = re.compile(r"-?[0-9]+([.,][0-9]+)?\Z")


def _not_formulas(cells: list[Any]) -> list[Any]:
    """The cells of a spreadsheet's CSV, text that a spreadsheet would take for a formula
    behind a ``'``, which shows it as text."""
    return [
        f"'{cell}"
        if isinstance(cell, str) and cell.startswith(_FORMULA_START) and not _NUMBER.match(cell)
        else cell
        for cell in cells
    ]


@contextlib.contextmanager
def _written(out: Any) -> Iterator[Any]:
    """Where a binary format writes: a temporary file renamed over ``out`` once complete
    when ``out`` is a path (:func:`~dme_rules._files.replacing`), else the stream itself."""
    if isinstance(out, (str, os.PathLike)):
        with replacing(out) as temporary:
            yield temporary
    else:
        yield out


def _checked(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows, each with the columns :func:`audit_rows` gives it."""
    return [row if "due_at" in row else _completed(row) for row in rows]


def _decimal_type(pa: Any, values: list[Any]) -> Any:
    """The Arrow decimal that holds ``values`` exactly: cents (scale 2) unless a value has
    more places, 18 digits unless a value needs more."""
    scale, whole = 2, 1
    for value in values:
        if value is not None:
            scale = max(scale, -int(value.as_tuple().exponent))
            whole = max(whole, value.adjusted() + 1)
    return pa.decimal128(min(max(18, whole + scale), 38), scale)


def _write_parquet(rows: list[dict[str, Any]], out: Any) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise _needs("pyarrow") from None
    # Instants carry their zone: that of the rows' packs when they share one, else UTC (an
    # invalid input's row has no pack).
    zones = {getattr(row[ZONE], "key", None) for row in rows if ZONE in row}
    (zone,) = zones if len(zones) == 1 and None not in zones else {"UTC"}
    instant, day = pa.timestamp("us", tz=zone), pa.date32()
    days = ("days_late", "business_days_late", "days_left", "business_days_left")
    types = {"as_of": instant, "due": day, "due_at": instant, "act_on": day, "act_at": instant,
             **{column: pa.int64() for column in days}}  # fmt: skip
    columns = {}
    for column in COLUMNS:
        values = [row[column] for row in rows]
        if column in ("amount", "cap"):
            kind = _decimal_type(pa, values)
        else:
            kind = types.get(column, pa.string())
        columns[column] = pa.array(values, type=kind)
    pq.write_table(pa.table(columns), out)
