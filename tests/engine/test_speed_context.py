"""One context per run: evaluate() carries a run's context and what rules remember from dates
from one evaluation to the next, and gives what a fresh evaluation gives (findings, JSON,
errors), at several instants, reading choices and calendars, and from several threads.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules import (
    IMPORT_DEADLINE,
    NINETY_DAYS,
    QUEBEC,
    DmeRulesError,
    evaluate,
)
from dme_rules.engine.context import Context
from dme_rules.jurisdictions.qc.counting import MONTREAL
from dme_rules.jurisdictions.qc.readings import (
    CIVIL_PROCEDURE,
    CLINIC_DELAY_NOTED,
    CONFIRM_SAME_DAY,
    INTERPRETATION_ACT,
    LABOUR_STANDARDS_CALENDAR,
    OFFICE_HOURS,
    SCOPE_REQUIRED,
    TRANSMISSION_STARTS_PROCESS,
    UNCONFIRMED_IS_PENDING,
)

from .. import strategies
from ..cases import spec_case


@contextlib.contextmanager
def plain_evaluation() -> Iterator[None]:
    """Evaluate without carrying anything from one subject or evaluation to the next: a
    context made afresh for every evaluation, every shared or remembered value computed
    afresh where a rule asks for it."""
    from dme_rules.engine import context as context_module
    from dme_rules.engine import evaluation

    saved = (evaluation._run_context, Context.shared, Context.remembered)
    evaluation._run_context = lambda pack, instant, calendar, readings, schedule: pack.context(  # type: ignore[assignment]
        instant, calendar=calendar, readings=readings, schedule=schedule
    )
    Context.shared = lambda self, subject, rule, version, compute, *args: compute(*args)  # type: ignore[method-assign]
    Context.remembered = lambda self, rule, version, key, compute, *args: compute(*args)  # type: ignore[method-assign]
    assert context_module.Context is Context
    try:
        yield
    finally:
        evaluation._run_context, Context.shared, Context.remembered = saved


def judged(case: Any, as_of: datetime, **options: Any) -> tuple[str, Any]:
    """What evaluating ``case`` gives: its report's findings and JSON, or the error."""
    try:
        report = evaluate(case, as_of, **options)
    except DmeRulesError as error:
        return "error", (type(error), str(error))
    return "report", (report.findings, report.to_json(), report.as_of.isoformat())


#: Choices of readings an evaluation may make (each a run of its own).
READING_SETS = [
    (),
    (CIVIL_PROCEDURE, INTERPRETATION_ACT, LABOUR_STANDARDS_CALENDAR),
    (CONFIRM_SAME_DAY, CLINIC_DELAY_NOTED, SCOPE_REQUIRED, NINETY_DAYS),
    (UNCONFIRMED_IS_PENDING, TRANSMISSION_STARTS_PROCESS, OFFICE_HOURS),
    ("civil-procedure", "labour-standards-calendar"),
]


class TestOneContextPerRun:
    """evaluate() keeps one context per run (the same instant and options) and what rules
    compute on a subject or from a date: the reports are those of the plain evaluation."""

    @given(
        st.lists(strategies.migration_cases, min_size=1, max_size=6),
        st.lists(strategies.evaluation_instants, min_size=1, max_size=3),
        st.sampled_from(READING_SETS),
        st.none() | strategies.calendars,
    )
    def test_as_the_plain_evaluation(self, cases, instants, readings, calendar):
        """Cases in turn at several instants (each case at each instant, then again), with
        a choice of readings and a calendar: the same findings, JSON and errors as when
        nothing is carried from one evaluation to the next."""
        options = {"readings": readings, "calendar": calendar}
        order = [(case, instant) for instant in instants for case in cases] + [
            (case, instants[0]) for case in reversed(cases)
        ]
        fast = [judged(case, instant, **options) for case, instant in order]
        with plain_evaluation():
            plain = [judged(case, instant, **options) for case, instant in order]
        assert plain == fast

    @pytest.mark.parametrize("readings", READING_SETS)
    def test_the_bench_cases_as_the_plain_evaluation(self, readings):
        """The benchmark's complete cases, two passes at one instant then one at another:
        the same reports as the plain evaluation."""
        from benchmarks.bench_evaluate import complete_case

        rng = random.Random(27)
        cases = [complete_case(rng, index) for index in range(60)]
        first = datetime(2027, 6, 1, 12, tzinfo=MONTREAL)
        order = [(case, first) for case in cases * 2] + [
            (case, first - timedelta(days=400 + index)) for index, case in enumerate(cases)
        ]
        fast = [judged(case, instant, readings=readings) for case, instant in order]
        with plain_evaluation():
            plain = [judged(case, instant, readings=readings) for case, instant in order]
        assert plain == fast

    def test_an_equal_instant_written_otherwise_is_another_run(self):
        """The same instant written in UTC, then in Montreal: each report shows the as_of
        it was given."""
        case = spec_case()
        montreal = datetime(2025, 9, 1, 12, tzinfo=MONTREAL)
        utc = montreal.astimezone(UTC)
        assert [utc.isoformat(), montreal.isoformat(), utc.isoformat()] == [
            evaluate(case, instant).as_of.isoformat() for instant in (utc, montreal, utc)
        ]

    def test_an_instant_of_a_subclass_is_another_run(self):
        """An as_of of a datetime subclass, then the equal plain datetime: each report keeps
        the instant it was given, of its own type."""

        class Instant(datetime):
            pass

        case = spec_case()
        plain = datetime(2025, 9, 1, 12, tzinfo=MONTREAL)
        special = Instant(2025, 9, 1, 12, tzinfo=MONTREAL)
        assert [Instant, datetime, Instant] == [
            type(evaluate(case, instant).as_of) for instant in (special, plain, special)
        ]

    def test_evaluations_in_threads(self):
        """Four threads evaluating different cases at one instant at once, with one context
        between them: each report is the plain evaluation's."""
        from concurrent.futures import ThreadPoolExecutor

        from benchmarks.bench_evaluate import complete_case

        rng = random.Random(7)
        cases = [complete_case(rng, index) for index in range(200)]
        as_of = datetime(2027, 6, 1, 12, tzinfo=MONTREAL)
        with plain_evaluation():
            plain = [judged(case, as_of) for case in cases]
        with ThreadPoolExecutor(4) as pool:
            for _ in range(3):
                assert plain == list(pool.map(lambda case: judged(case, as_of), cases))

    def test_a_value_remembered_belongs_to_its_rule_and_version(self):
        """Context.remembered: once per rule object, version object and key; another rule
        object (an evolved rule with the same id), version or key computes its own."""
        context = QUEBEC.context(datetime(2025, 9, 1, 12, tzinfo=MONTREAL))
        rule, (v1, v2) = IMPORT_DEADLINE, IMPORT_DEADLINE.versions
        evolved = attrs.evolve(IMPORT_DEADLINE, title_en="Evolved")
        calls: list[str] = []

        def compute(tag: str) -> int:
            calls.append(tag)
            return len(calls)

        day, other = date(2025, 6, 20), date(2025, 6, 21)
        assert 1 == context.remembered(rule, v2, day, compute, "a")
        assert 1 == context.remembered(rule, v2, day, compute, "b")  # remembered
        assert 2 == context.remembered(rule, v1, day, compute, "c")  # another version
        assert 3 == context.remembered(evolved, v2, day, compute, "d")  # another rule
        assert 4 == context.remembered(rule, v2, other, compute, "e")  # another day
        moved = context.with_as_of(datetime(2026, 1, 1, tzinfo=MONTREAL))
        assert 1 == moved.remembered(rule, v2, day, compute, "f")  # shared by the moved one
        assert ["a", "c", "d", "e"] == calls
