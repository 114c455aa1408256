"""Fuzz: mutated documents at scale, counted by class of mutation (SPEC §6, §8, §9).

Run from the repository's root after installing the package::

    python benchmarks/fuzz.py                 # 50,000 inputs
    python benchmarks/fuzz.py --inputs 5000 --seed 3

Each input is a valid document (an example file, a consent checklist, or one of 200
generated complete cases) turned by one class of mutation (``tests/fuzzing.py``) into what a
careless or hostile user could send. It is read, evaluated at three instants and written in
every output; one input in ten also goes through the command line (in this process) and the
audit (a workbook, a page and a spreadsheet's CSV read back, and an output that is its own
input, refused), and a few dozen through the real command in a process. Then the DMP log
audit is given tables with one column of another type (``log-types``). The script prints,
per class: tried, refused (a DmeRulesError), accepted, crashes (any other exception, an exit
code outside 0/1/2, a traceback, more than one line for bad input, a formula or a control
character in an output for people) and accepted-bad (a result for facts that cannot be true);
it exits 1 when anything crashed or was wrongly accepted.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from tests.fuzzing import (  # noqa: E402
    MUTATIONS,
    judge,
    judge_audit,
    judge_cli,
    judge_log_tables,
    mutate_log_table,
    seeds,
)

from bench_evaluate import complete_case  # noqa: E402

OUTCOMES = ("refused", "accepted", "crash", "accepted-bad")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--processes", type=int, default=40, help="inputs run as a process")
    parser.add_argument("--log-tables", type=int, default=300, help="log tables mutated")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    documents = seeds() + [("case", complete_case(rng, i).to_dict()) for i in range(200)]
    counts: dict[str, Counter[str]] = {name: Counter() for name in [*MUTATIONS, "log-types"]}
    failures: list[tuple[str, str, str]] = []
    folder = Path(tempfile.mkdtemp())
    started = time.perf_counter()
    for index in range(args.inputs):
        kind, document = rng.choice(documents)
        name = rng.choice(sorted(MUTATIONS))
        payload = MUTATIONS[name](rng, document)
        outcome, detail = judge(payload, kind)
        if index % 10 == 0:
            cli, cli_detail = judge_cli(payload, kind, folder)
            if cli == "crash":
                outcome, detail = "crash", f"command line: {cli_detail}"
            if kind == "case":
                audit, audit_detail = judge_audit(payload, folder)
                if audit == "crash":
                    outcome, detail = "crash", audit_detail
        if index < args.processes:
            outcome, detail = _in_a_process(payload, kind, folder, outcome, detail)
        counts[name][outcome] += 1
        if outcome in ("crash", "accepted-bad"):
            failures.append((name, outcome, detail))
    if args.log_tables:
        from tests.jurisdictions.fr.dmp_tables import arrow_tables, generate

        tables = arrow_tables(generate(20, seed=args.seed))
        for _ in range(args.log_tables):
            changed, where = mutate_log_table(rng, tables)
            outcome, detail = judge_log_tables(changed)
            counts["log-types"][outcome] += 1
            if outcome == "crash":
                failures.append(("log-types", outcome, f"{where}: {detail}"))
    seconds = time.perf_counter() - started

    print(f"{args.inputs:,} inputs (seed {args.seed}) in {seconds:.0f} s; "
          f"{len(documents)} valid documents mutated")  # fmt: skip
    print()
    print(f"{'class':10} {'tried':>7} " + " ".join(f"{o:>12}" for o in OUTCOMES))
    total: Counter[str] = Counter()
    for name, found in counts.items():
        total.update(found)
        tried = sum(found.values())
        print(f"{name:10} {tried:7,} " + " ".join(f"{found[o]:12,}" for o in OUTCOMES))
    tried = sum(total.values())
    print(f"{'all':10} {tried:7,} " + " ".join(f"{total[o]:12,}" for o in OUTCOMES))
    for name, outcome, detail in failures[:20]:
        print(f"  {outcome} ({name}): {detail}")
    return 1 if failures else 0


def _in_a_process(
    payload: str | bytes, kind: str, folder: Path, outcome: str, detail: str
) -> tuple[str, str]:
    """The real command on ``payload``: a crash if it exits outside 0/1/2, shows a
    traceback, or says more than one line for bad input."""
    path = folder / "process.json"
    data = payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass")
    path.write_bytes(data)
    command = ["check", str(path), "--as-of", "2025-09-01"] if kind == "case" else [
        "consent", str(path)]  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "dme_rules.cli", *command], capture_output=True, check=False
    )
    lines = done.stderr.strip().splitlines()
    if done.returncode not in (0, 1, 2) or b"Traceback" in done.stderr:
        return "crash", f"process exit {done.returncode}: {done.stderr[:200]!r}"
    if done.returncode == 2 and len(lines) != 1:
        return "crash", f"process: {len(lines)} lines on stderr"
    return outcome, detail


if __name__ == "__main__":
    sys.exit(main())
