"""The fuzzer, bounded: mutated documents give a DmeRulesError or a sound result, and the
command line exits 0, 1 or 2 with one line on standard error (SPEC §6, §8, §9).

``DME_FUZZ_EXAMPLES`` raises the budget (examples per test; 60 by default);
``benchmarks/fuzz.py`` runs the same at scale.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import strategies
from .fuzzing import (
    MUTATIONS,
    judge,
    judge_audit,
    judge_cli,
    judge_log_tables,
    mutate_log_table,
    seeds,
)

BUDGET = int(os.environ.get("DME_FUZZ_EXAMPLES", "60"))
SEEDS = seeds()
FUZZ = settings(
    max_examples=BUDGET,
    deadline=None,
    derandomize=os.environ.get("DME_FUZZ_EXAMPLES") is None,  # the suite repeats itself
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
mutations = st.sampled_from(sorted(MUTATIONS))


@FUZZ
@given(st.sampled_from(SEEDS), mutations, st.randoms(use_true_random=False))
def test_mutated_examples(seed, name, rng):
    """Every class of mutation of every example file."""
    kind, document = seed
    outcome, detail = judge(MUTATIONS[name](rng, document), kind)
    assert outcome in ("refused", "accepted"), (name, outcome, detail)


@FUZZ
@given(strategies.migration_cases, mutations, st.randoms(use_true_random=False))
def test_mutated_generated_cases(case, name, rng):
    """Every class of mutation of generated valid cases."""
    outcome, detail = judge(MUTATIONS[name](rng, case.to_dict()), "case")
    assert outcome in ("refused", "accepted"), (name, outcome, detail)


@FUZZ
@given(strategies.consent_answers, mutations, st.randoms(use_true_random=False))
def test_mutated_consent_answers(answers, name, rng):
    """Every class of mutation of generated consent checklists."""
    outcome, detail = judge(MUTATIONS[name](rng, answers.to_dict()), "consent")
    assert outcome in ("refused", "accepted"), (name, outcome, detail)


@FUZZ
@given(st.sampled_from(SEEDS), mutations, st.randoms(use_true_random=False))
def test_the_command_line_on_mutated_files(tmp_path_factory, seed, name, rng):
    """The command line (in this process): exit 0, 1 or 2, one line on standard error for
    bad input, never a traceback."""
    kind, document = seed
    folder = tmp_path_factory.mktemp("cli")
    outcome, detail = judge_cli(MUTATIONS[name](rng, document), kind, folder)
    assert outcome in ("refused", "accepted"), (name, detail)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_the_command_line_in_a_process(tmp_path, name):
    """The real command, one mutated file per class of mutation: exit 0, 1 or 2, no
    traceback, one line on standard error for bad input."""
    rng = random.Random(name)
    _, document = SEEDS[0]  # a migration case
    payload = MUTATIONS[name](rng, document)
    path = tmp_path / "input.json"
    path.write_bytes(
        payload if isinstance(payload, bytes) else payload.encode("utf-8", "surrogatepass")
    )
    done = subprocess.run(
        [sys.executable, "-m", "dme_rules.cli", "check", str(path), "--as-of", "2025-09-01"],
        capture_output=True,
        check=False,
    )
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"Traceback" not in done.stderr
    if done.returncode == 2:
        assert 1 == len(done.stderr.strip().splitlines())


@FUZZ
@given(st.sampled_from(["control", "formula", "text", "type"]), st.randoms(use_true_random=False))
def test_the_audit_on_mutated_cases(tmp_path_factory, name, rng):
    """The audit of a mutated case: a workbook without formulas, a page without control
    characters, a spreadsheet's CSV without formula-like cells, an output that is its own
    input refused (the input kept); never a traceback."""
    pytest.importorskip("openpyxl")
    _, document = next(seed for seed in SEEDS if seed[0] == "case")
    folder = tmp_path_factory.mktemp("audit")
    outcome, detail = judge_audit(MUTATIONS[name](rng, document), folder)
    assert ("accepted", "") == (outcome, detail)


@FUZZ
@given(st.randoms(use_true_random=False))
def test_log_tables_with_a_column_of_another_type(rng):
    """The DMP log audit given a column of another type: a DmeRulesError or a table, never
    another exception (a database's own)."""
    pytest.importorskip("duckdb")
    from .jurisdictions.fr.dmp_tables import arrow_tables, generate

    changed, where = mutate_log_table(rng, arrow_tables(generate(20, seed=5)))
    outcome, detail = judge_log_tables(changed)
    assert outcome in ("refused", "accepted"), (where, detail)
