"""The audit's table written in each format: CSV and JSON Lines (for programs, as codes),
Parquet (typed), Excel and HTML (for people, :mod:`dme_rules.audit.people`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from dme_rules._files import replacing
from dme_rules.audit.people import html_page, write_xlsx
from dme_rules.audit.rows import (
    COLUMNS,
    ZONE,
    Input,
    Summary,
    _batches,
    _cells,
    _cells_of_values,
    _completed,
    _evaluated,
    _instant,
    _invalid_values,
    _messages_of,
    _needs,
    _subject_of,
    _values_of,
    in_batches,
)
from dme_rules.engine import _speed
from dme_rules.engine.messages import check_language
from dme_rules.engine.readings import Reading
from dme_rules.engine.time import instant_text
from dme_rules.errors import InvalidArgumentError

__all__ = ["STREAMED", "audit_text", "table_heading", "write_table"]


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
    if format in STREAMED:
        out.write(table_heading(format, spreadsheet))
        _write_rows(rows, out, format, spreadsheet)
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


#: The formats written as a stream of text, the rows one after the other (batch by batch, each
#: batch in a worker process with ``jobs`` > 1: :func:`audit_text`).
STREAMED = ("csv", "jsonl")


def table_heading(format: str, spreadsheet: bool = False) -> str:
    """What a table in a :data:`STREAMED` format starts with: the CSV's heading row (after
    the byte order mark of a spreadsheet's CSV); nothing for JSON Lines."""
    if format != "csv":
        return ""
    written = io.StringIO()
    if spreadsheet:
        written.write("\ufeff")  # the byte order mark that tells a spreadsheet it is UTF-8
    _csv_writer(written, spreadsheet).writerow(COLUMNS)
    return written.getvalue()


def _csv_writer(out: Any, spreadsheet: bool) -> Any:
    if spreadsheet:
        return csv.writer(out, delimiter=";", lineterminator="\r\n")
    return csv.writer(out, lineterminator="\n")


def _write_rows(rows: Iterable[dict[str, Any]], out: Any, format: str, spreadsheet: bool) -> None:
    """The rows of a table in a :data:`STREAMED` format, after its heading."""
    for chunk in _batches(rows, 256):
        out.write(_text_of_cells([_cells(row) for row in chunk], format, spreadsheet))


def _text_of_cells(rows: list[list[Any]], format: str, spreadsheet: bool) -> str:
    """The text of rows given as their cells (:func:`~dme_rules.audit.rows._cells`), in a
    :data:`STREAMED` format."""
    written = io.StringIO()
    if format == "jsonl":
        written.writelines(_speed.json_line(dict(zip(COLUMNS, row, strict=True))) for row in rows)
        return written.getvalue()
    if spreadsheet:
        writer = _csv_writer(written, spreadsheet)
        for row in rows:
            for index in _AMOUNTS:  # a decimal comma
                if row[index] is not None:
                    row[index] = row[index].replace(".", ",")
            writer.writerow(_not_formulas(row))
        return written.getvalue()
    _csv_writer(written, spreadsheet).writerows(rows)  # None is written as an empty cell
    text = written.getvalue()
    if "\r" not in text:
        return text
    # Python's csv module quotes a cell with a line feed but not one with a lone carriage
    # return when lines end at LF: such a row has every cell quoted, so a reader finds the
    # cell as it was.
    written = io.StringIO()
    writer = _csv_writer(written, spreadsheet)
    quoted = csv.writer(written, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        if any(type(cell) is str and "\r" in cell for cell in row):
            quoted.writerow(row)
        else:
            writer.writerow(row)
    return written.getvalue()


def audit_text(
    inputs: Iterable[Input], as_of: datetime | date, format: str, *, lang: str = "fr",
    readings: Sequence[Reading | str] = (), spreadsheet: bool = False, jobs: int = 1,
    batch: int = 256,
) -> Iterator[tuple[str, Summary]]:  # fmt: skip
    """The table of ``inputs`` in a :data:`STREAMED` format, a batch of ``batch`` inputs at a
    time: the text of the batch's rows (what :func:`write_table` writes for them, the heading
    of :func:`table_heading` left out) and the batch's part of the summary, batch after batch
    in the inputs' order. ``as_of``, ``lang`` and ``readings`` as :func:`audit_rows`'s.

    With ``jobs`` > 1 each batch is read, evaluated and written in one of that many worker
    processes, which sends back its text and its summary, not its rows: what is left to the
    caller is to write the texts in order and add up the summaries (:meth:`Summary.merge`)."""
    check_language(lang)
    readings = tuple(readings)
    args = (as_of, lang, readings, format, spreadsheet)
    if jobs <= 1:
        for chunk in _batches(inputs, batch):
            yield _text_of_batch(chunk, *args)
        return
    yield from in_batches(_text_of_batch, inputs, jobs, batch, *args)


#: How many inputs go through the stages together (:func:`_text_of_batch`): enough for each
#: stage's code to stay in the processor's caches, few enough for their subjects, reports and
#: rows to stay there too (measured: 16 or 32 at a time about 13 % faster than one at a
#: time, and 4 % faster than 64 or 256).
STAGED = 32


def _text_of_batch(
    batch: list[Input], as_of: datetime | date, lang: str, readings: Sequence[Reading | str],
    format: str, spreadsheet: bool,
) -> tuple[str, Summary]:  # fmt: skip
    """The text of a batch's rows and its part of the summary (a worker's whole task).

    :data:`STAGED` inputs at a time go through each stage together (their subjects read,
    then evaluated, then said, then made rows), not each input through every stage in
    turn: a stage run over many inputs in a row keeps its code in the processor's caches,
    which makes the whole about 13 % faster than the same work done input by input, for the
    same text. Each finding's row is built once, as its values, made its cells in place and
    written with the others of its stage.
    """
    summary = Summary()
    texts = []
    # The text of each as_of instant, written once: the reports of a run share one.
    as_of_texts: dict[int, tuple[datetime, str]] = {}
    for start in range(0, len(batch), STAGED):
        rows: list[list[Any]] = []
        inputs = batch[start : start + STAGED]
        subjects = [_subject_of(source, text) for source, text in inputs]
        reports = [
            _evaluated(source, subject, as_of, readings)
            for (source, _), subject in zip(inputs, subjects, strict=True)
        ]
        said = [[] if isinstance(report, str) else _messages_of(report, lang) for report in reports]
        for (source, _), report, messages in zip(inputs, reports, said, strict=True):
            if isinstance(report, str):
                found = [_invalid_values(source, report, instant_text(_instant(as_of, None)))]
            else:
                instant = report.as_of
                known = as_of_texts.get(id(instant))
                if known is None or known[0] is not instant:
                    known = as_of_texts[id(instant)] = (instant, instant_text(instant))
                found = _values_of(source, report, messages, known[1])
            summary.add_values(found)
            rows += found
        texts.append(_text_of_cells([_cells_of_values(row) for row in rows], format, spreadsheet))
    return "".join(texts), summary


#: The columns of amounts, by position (a decimal comma for a spreadsheet's CSV).
_AMOUNTS = tuple(COLUMNS.index(c) for c in ("amount", "cap"))
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
