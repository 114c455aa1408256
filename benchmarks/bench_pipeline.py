"""Benchmark: the auditor's pipeline, each stage beside its lean floor, then end to end.

Run from the repository's root after installing the package with the ``audit`` extra::

    python benchmarks/bench_pipeline.py                  # 100,000 cases
    python benchmarks/bench_pipeline.py --cases 20000 --sample 2000

It writes realistic complete cases (those of ``bench_evaluate.py``) to one JSON Lines file
and times, on a sample of them, each stage of ``dme-rules audit``: decoding a line, reading
the case strictly, evaluating it, its messages, its rows and cells, writing them as CSV.
Beside each stage it times its lean floor on the same cases in the same run: the least code
that does that work for these cases (``lean_pipeline.py`` and ``lean_words.py``, in this
folder, not in the library): msgspec or orjson for decoding, a plain typed reader with the
same checks, the ten rules written straight with the business days as a table, compiled
message templates, tuples, ``csv.writer.writerows``. The floors are checked first on the
sample: the same statuses, the same message texts and the same CSV, byte for byte, as the
library's. The rows' stage is the audit's rows built from the reports and their messages.
Then the whole audit of the sample in one process, and the lean audit likewise (each case's
stages one after the other, a batch's rows written together): stages run together cost more
than the same stages run apart, for the library and its floor alike.

Then it runs ``dme-rules audit`` on the whole file to CSV and to JSON Lines with 1 and 2
worker processes, and measures the parent's CPU time per case with 2 workers (it writes the
workers' finished text and adds up their summaries). Targets: each stage within 2× its
floor, strict structuring ≤ 25 µs; per 100,000 cases (scaled to ``--cases``) ≤ 12 s on one
core and ≤ 7 s with ``--jobs 2``; the parent ≤ 25 µs per case. The script exits 1 when a
target is missed or a floor does not give the library's results. Other libraries of the
field (pydantic, cattrs, msgspec's typed Struct, the encoders) are shown for reference.
"""

# No "from __future__ import annotations": the peers read the local models' annotations.

import argparse
import csv
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_evaluate import SOLUTIONS, complete_case
from dme_rules import QUEBEC_CPC, MigrationCase, evaluate
from dme_rules.audit import (
    Summary,
    audit_rows,
    audit_text,
    read_inputs,
    table_heading,
    write_table,
)
from dme_rules.audit.rows import _cells, _cells_of_values, _messages_of, _values_of
from dme_rules.audit.writing import _text_of_cells
from dme_rules.engine.jsonform import loads
from lean_pipeline import BusinessDays, LeanRules, fastest_decoder, lean_read
from lean_words import lean_message, lean_rows

AS_OF = datetime.fromisoformat("2027-06-01T12:00:00-04:00")
#: Seconds per 100,000 cases, JSON Lines in, CSV or JSON Lines out.
TARGET_ONE_CORE, TARGET_TWO_JOBS = 12.0, 7.0
TARGET_RATIO, TARGET_STRUCTURING, TARGET_PARENT = 2.0, 25.0, 25.0


def per_item(function: Callable[[Any], Any], items: list[Any], repeat: int = 3) -> float:
    """Median over ``repeat`` passes of the microseconds per item."""
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        for item in items:
            function(item)
        passes.append((time.perf_counter() - started) / len(items) * 1e6)
    return statistics.median(passes)


def per_case(function: Callable[[], Any], cases: int, repeat: int = 3) -> float:
    """Median over ``repeat`` calls of ``function`` (one pass over ``cases`` cases), in
    microseconds per case."""
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        passes.append((time.perf_counter() - started) / cases * 1e6)
    return statistics.median(passes)


def peers_for_decoding() -> dict[str, Callable[[bytes], Any]]:
    found: dict[str, Callable[[bytes], Any]] = {"json (stdlib)": json.loads}
    try:
        import orjson

        found["orjson"] = orjson.loads
    except ImportError:
        pass
    try:
        import msgspec

        found["msgspec (untyped)"] = msgspec.json.decode
    except ImportError:
        pass
    return found


def peers_for_structuring() -> dict[str, Callable[[dict[str, Any]], Any]]:
    """Building a typed value from a case's dictionary, the way each library does it without
    this library's checks (they check types only)."""
    found: dict[str, Callable[[dict[str, Any]], Any]] = {}
    try:
        import msgspec

        class Block(msgspec.Struct, forbid_unknown_fields=True):
            delivered_on: date | None = None
            completed_on: date | None = None
            fee: str | None = None
            confirmed_on: date | None = None
            submitted_on: date | None = None
            validated_on: date | None = None
            until: date | None = None

        class Case(msgspec.Struct, forbid_unknown_fields=True):
            case_id: str
            request_transmitted_at: datetime
            source_solution: str
            target_solution: str
            practitioners: int
            standard_scope: bool | None = None
            extraction: Block | None = None
            preanalysis: Block | None = None
            read_only_access: Block | None = None
            request_form: dict[str, Any] | None = None
            calendar: dict[str, Any] | None = None
            complaints: list[dict[str, Any]] | None = None

        def structure(document: dict[str, Any]) -> Any:
            renamed = dict(document)
            renamed.pop("import", None)
            return msgspec.convert(renamed, Case)

        found["msgspec (typed Struct)"] = structure
    except ImportError:
        pass
    try:
        import pydantic

        class PCase(pydantic.BaseModel):
            model_config = pydantic.ConfigDict(extra="allow")
            case_id: str
            request_transmitted_at: datetime
            source_solution: str
            target_solution: str
            practitioners: int

        found["pydantic (model)"] = PCase.model_validate
    except ImportError:
        pass
    try:
        import attrs
        import cattrs

        @attrs.frozen
        class CCase:
            case_id: str
            request_transmitted_at: str
            source_solution: str
            target_solution: str
            practitioners: int

        converter = cattrs.Converter(forbid_extra_keys=False)
        keys = ("case_id", "request_transmitted_at", "source_solution", "target_solution",
                "practitioners")  # fmt: skip
        found["cattrs (5 fields)"] = lambda d: converter.structure({k: d[k] for k in keys}, CCase)
    except ImportError:
        pass
    return found


def peers_for_encoding() -> dict[str, Callable[[dict[str, Any]], Any]]:
    found: dict[str, Callable[[dict[str, Any]], Any]] = {
        "json (stdlib)": lambda d: json.dumps(d, ensure_ascii=False)
    }
    try:
        import orjson

        found["orjson"] = orjson.dumps
    except ImportError:
        pass
    try:
        import msgspec

        found["msgspec"] = msgspec.json.encode
    except ImportError:
        pass
    return found


def audit(path: Path, out: Path, jobs: int) -> float:
    """Wall seconds of ``dme-rules audit`` on ``path``."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dme_rules.cli", "audit", str(path), "--as-of", "2027-06-01",
         "--out", str(out), "--jobs", str(jobs), "--quiet"],
        check=False, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def parent_per_case(path: Path, fmt: str, cases: int) -> float:
    """CPU microseconds per case the parent spends (its threads included) auditing ``path``
    with two workers: reading the lines, sending them, writing the text that comes back."""
    started = time.process_time()
    with open(os.devnull, "w", encoding="utf-8", newline="") as out:
        out.write(table_heading(fmt))
        summary = Summary()
        for text, part in audit_text(read_inputs([str(path)]), AS_OF, fmt, jobs=2):
            out.write(text)
            summary.merge(part)
    return (time.process_time() - started) / cases * 1e6


def lean_audit(
    lines: list[bytes], decode: Callable[[bytes], Any], directory: dict[str, str],
    rules: LeanRules, as_of_text: str, batch: int = 256,
) -> list[str]:  # fmt: skip
    """The lean audit of ``lines``, as the audit runs (a case's stages one after the other,
    a batch's rows written together): the text of each batch."""
    texts = []
    for start in range(0, len(lines), batch):
        found_rows: list[tuple[Any, ...]] = []
        for index in range(start, min(start + batch, len(lines))):
            case = lean_read(decode(lines[index]), directory)
            found = rules.evaluate(case)
            said = [lean_message(r, s, f, rules) for r, s, f in found]
            found_rows += lean_rows(f"cases.jsonl:{index + 1}", case, as_of_text, found, said,
                                    rules)  # fmt: skip
        written = io.StringIO()
        csv.writer(written, lineterminator="\n").writerows(found_rows)
        texts.append(written.getvalue())
    return texts


def check_floors(lines: list[bytes], rules: LeanRules, directory: dict[str, str]) -> list[str]:
    """Where the lean floors differ from the library on the sample (nothing: they are
    honest): the statuses of every finding, then every message's text."""
    _, decode = fastest_decoder()
    problems = []
    for line in lines:
        report = evaluate(MigrationCase.from_json(line), AS_OF)
        found = rules.evaluate(lean_read(decode(line), directory))
        if len(found) != len(report.findings):
            problems.append(f"{report.case_id}: {len(found)} findings")
            continue
        for finding, (rule, status, facts) in zip(report.findings, found, strict=True):
            if not finding.rule_id.endswith(rule) or finding.status.value != status:
                problems.append(f"{report.case_id} {finding.rule_id}: {status}")
            elif lean_message(rule, status, facts, rules) != report.message(finding, "fr"):
                problems.append(f"{report.case_id} {finding.rule_id}: message")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=5_000)
    args = parser.parse_args()

    rng = random.Random(2026)
    folder = Path(tempfile.mkdtemp())
    lines_path = folder / "cases.jsonl"
    with lines_path.open("w", encoding="utf-8") as stream:
        for index in range(args.cases):
            stream.write(json.dumps(complete_case(rng, index).to_dict()) + "\n")
    lines = lines_path.read_bytes().splitlines()[: args.sample]
    n = len(lines)
    directory = {name.casefold(): address for name, address in SOLUTIONS}
    business = BusinessDays(QUEBEC_CPC.is_business_day, date(2023, 1, 1), date(2028, 12, 31))
    rules = LeanRules(business, AS_OF.date())
    decoder, decode = fastest_decoder()
    failed: list[str] = check_floors(lines, rules, directory)
    for problem in failed[:5]:
        print(f"floor differs from the library: {problem}")

    # The library's stages, and the data each next stage starts from.
    documents = [loads(line) for line in lines]
    cases = [MigrationCase.from_dict(document) for document in documents]
    reports = [evaluate(case, AS_OF) for case in cases]
    # The lean stages, likewise.
    decoded = [decode(line) for line in lines]
    lean_cases = [lean_read(document, directory) for document in decoded]
    lean_found = [rules.evaluate(case) for case in lean_cases]
    messages = [[lean_message(r, s, f, rules) for r, s, f in found] for found in lean_found]
    as_of_text = AS_OF.isoformat()

    def rows_of(index: int) -> list[tuple[Any, ...]]:
        return lean_rows(f"cases.jsonl:{index + 1}", lean_cases[index], as_of_text,
                         lean_found[index], messages[index], rules)  # fmt: skip

    tuples = [rows_of(index) for index in range(n)]
    inputs = [(f"cases.jsonl:{index + 1}", line) for index, line in enumerate(lines)]
    rows = [row for found in audit_rows(inputs, AS_OF) for row in found]
    # The lean rows written as CSV are the audit's CSV, byte for byte.
    library_csv, lean_csv = io.StringIO(), io.StringIO()
    write_table(rows, library_csv, "csv")
    lean_csv.write(table_heading("csv"))
    csv.writer(lean_csv, lineterminator="\n").writerows(row for found in tuples for row in found)
    if library_csv.getvalue() != lean_csv.getvalue():
        failed.append("the lean rows' CSV is not the audit's")
        print("floor differs from the library: the lean rows' CSV is not the audit's")

    print(f"{args.cases:,} complete cases in {lines_path.stat().st_size / 1e6:.0f} MB of JSON "
          f"Lines; stages timed on {n:,} (µs per case, median of 3 passes); floors checked "
          f"on them: {'same statuses, texts and CSV' if not failed else 'DIFFERENT'}")  # fmt: skip
    print()
    print(f"{'stage':36} {'dme_rules':>9} {'floor':>7} {'ratio':>6}  target")
    results: list[bool] = []

    def show(stage: str, ours: float, floor: float, target: str, met: bool) -> None:
        results.append(met)
        print(f"{stage:36} {ours:9.1f} {floor:7.1f} {ours / floor:5.1f}×  {target} "
              f"{'met' if met else 'MISSED'}")  # fmt: skip

    ours_decode = per_item(loads, lines)
    floor_decode = per_item(decode, lines)
    show(f"decode a line ({decoder} floor)", ours_decode, floor_decode, "≤ 2×",
         ours_decode <= TARGET_RATIO * floor_decode)  # fmt: skip
    ours_read = per_item(MigrationCase.from_dict, documents)
    floor_read = per_item(lambda d: lean_read(d, directory), decoded)
    show("read a case strictly", ours_read, floor_read, f"≤ {TARGET_STRUCTURING:.0f} µs",
         ours_read <= TARGET_STRUCTURING)  # fmt: skip
    ours_evaluate = per_item(lambda case: evaluate(case, AS_OF), cases)
    floor_evaluate = per_item(rules.evaluate, lean_cases)
    show("evaluate it (10 rules)", ours_evaluate, floor_evaluate, "≤ 2×",
         ours_evaluate <= TARGET_RATIO * floor_evaluate)  # fmt: skip
    ours_messages = per_item(lambda r: [r.message(f, "fr") for f in r.findings], reports)
    floor_messages = per_item(
        lambda found: [lean_message(r, s, f, rules) for r, s, f in found], lean_found
    )
    show("its 10 messages", ours_messages, floor_messages, "≤ 2×",
         ours_messages <= TARGET_RATIO * floor_messages)  # fmt: skip
    # The audit's rows, built from the reports and their messages as the audit builds them:
    # each finding's values, made its cells.
    sources = [f"cases.jsonl:{index + 1}" for index in range(n)]
    as_of_written = AS_OF.isoformat()
    said = [_messages_of(report, "fr") for report in reports]
    ours_rows = per_item(
        lambda index: [_cells_of_values(values) for values in
                       _values_of(sources[index], reports[index], said[index], as_of_written)],
        list(range(n)),
    )  # fmt: skip
    floor_rows = per_item(rows_of, list(range(n)))
    show("its rows", ours_rows, floor_rows, "≤ 2×", ours_rows <= TARGET_RATIO * floor_rows)
    # The CSV's stage as the audit runs it: the batch's cells written (its private writer).
    cells = [_cells(row) for row in rows]
    ours_csv = per_case(lambda: _text_of_cells(cells, "csv", False), n)
    floor_csv = per_case(lambda: csv.writer(io.StringIO(), lineterminator="\n").writerows(
        [row for found in tuples for row in found]), n)  # fmt: skip
    show("their cells, written as CSV", ours_csv, floor_csv, "≤ 2×",
         ours_csv <= TARGET_RATIO * floor_csv)  # fmt: skip
    # The whole, each measured as it runs: every stage of a case after the other, case
    # after case, a batch's rows written together (stages run together cost more than apart:
    # each leaves the processor's caches to the next).
    whole = per_case(lambda: list(audit_text(inputs, AS_OF, "csv")), n)
    if "".join(lean_audit(lines, decode, directory, rules, as_of_text)) != "".join(
        text for text, _ in audit_text(inputs, AS_OF, "csv")
    ):
        failed.append("the lean audit's CSV is not the audit's")
        print("floor differs from the library: the lean audit's CSV is not the audit's")
    floor_whole = per_case(lambda: lean_audit(lines, decode, directory, rules, as_of_text), n)
    ours_sum = ours_decode + ours_read + ours_evaluate + ours_messages + ours_rows + ours_csv
    floor_sum = (floor_decode + floor_read + floor_evaluate + floor_messages + floor_rows
                 + floor_csv)  # fmt: skip
    print(f"{'the stages, added':36} {ours_sum:9.1f} {floor_sum:7.1f} "
          f"{ours_sum / floor_sum:5.1f}×")  # fmt: skip
    print(f"{'the audit of a case, to CSV (whole)':36} {whole:9.1f} {floor_whole:7.1f} "
          f"{whole / floor_whole:5.1f}×")  # fmt: skip
    print()
    print("for reference, the field's libraries on the same cases (µs per case):")
    for stage, found in (
        ("decode", {name: per_item(f, lines) for name, f in peers_for_decoding().items()}),
        ("structure (types only)",
         {name: per_item(f, documents) for name, f in peers_for_structuring().items()}),
    ):  # fmt: skip
        print(f"  {stage}: " + ", ".join(f"{name} {value:.1f}" for name, value in found.items()))
    documents_out = [report.to_dict("fr") for report in reports]
    encode = {name: per_item(f, documents_out) for name, f in peers_for_encoding().items()}
    print(f"  a report's JSON: dme_rules to_json {per_item(lambda r: r.to_json('fr'), reports):.1f}"
          ", " + ", ".join(f"{name} {value:.1f}" for name, value in encode.items()))  # fmt: skip
    print()

    scale = args.cases / 100_000
    print(f"end to end: dme-rules audit of {args.cases:,} cases (targets ≤ "
          f"{TARGET_ONE_CORE * scale:.1f} s with --jobs 1, ≤ {TARGET_TWO_JOBS * scale:.1f} s "
          f"with --jobs 2; {os.cpu_count()} cores)")  # fmt: skip
    for fmt in ("csv", "jsonl"):
        for jobs in (1, 2):
            seconds = audit(lines_path, folder / f"out-{jobs}.{fmt}", jobs)
            target = (TARGET_ONE_CORE if jobs == 1 else TARGET_TWO_JOBS) * scale
            met = seconds <= target
            results.append(met)
            per = seconds / args.cases * 1e6
            print(f"  {fmt:5} --jobs {jobs}: {seconds:6.1f} s ({per:.0f} µs per case)  "
                  f"target ≤ {target:.1f} s {'met' if met else 'MISSED'}")  # fmt: skip
        same = (folder / f"out-1.{fmt}").read_bytes() == (folder / f"out-2.{fmt}").read_bytes()
        results.append(same)
        print(f"  {fmt:5} --jobs 2 wrote {'the same bytes as' if same else 'NOT THE BYTES OF'} "
              "--jobs 1")  # fmt: skip
    measured = min(args.cases, 20_000)
    with (folder / "parent.jsonl").open("wb") as part, lines_path.open("rb") as every:
        for _, line in zip(range(measured), every, strict=False):
            part.write(line)
    for fmt in ("csv", "jsonl"):
        parent = parent_per_case(folder / "parent.jsonl", fmt, measured)
        met = parent <= TARGET_PARENT
        results.append(met)
        print(f"  the parent with --jobs 2, {fmt:5}: {parent:5.1f} µs per case (CPU)  "
              f"target ≤ {TARGET_PARENT:.0f} µs {'met' if met else 'MISSED'}")  # fmt: skip
    missed = results.count(False) + bool(failed)
    print(f"{'every target met' if not missed else f'{missed} target(s) missed'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
