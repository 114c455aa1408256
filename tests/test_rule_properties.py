"""Properties that hold across the rules, for any case."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dme_rules import (
    EXTRACTION_DEADLINE,
    EXTRACTION_FEE_CAP,
    IMPORT_DEADLINE,
    IMPORT_FEE_CAP,
    NEW_FEATURE_CONSENT,
    PREANALYSIS_VALIDATION,
    RULES,
    DmeRulesError,
    MigrationCase,
    Status,
    end_of_day,
    evaluate,
    evaluate_many,
)

from . import strategies
from .cases import change, minimal_case, noon, spec_case

practitioners = st.integers(min_value=1, max_value=200)
DEADLINES = [
    (EXTRACTION_DEADLINE, "extraction__delivered_on"),
    (IMPORT_DEADLINE, "import__completed_on"),
]


class TestCaps:
    """Fee caps."""

    @given(practitioners, st.booleans())
    def test_caps_are_linear_in_practitioners(self, n, same):
        """cap(n) = n x cap(1)."""
        assert n * EXTRACTION_FEE_CAP.cap(1) == EXTRACTION_FEE_CAP.cap(n)
        assert n * IMPORT_FEE_CAP.cap(1, same) == IMPORT_FEE_CAP.cap(n, same)

    @given(practitioners, strategies.amounts, strategies.solutions, strategies.solutions)
    def test_a_compliant_fee_never_exceeds_the_cap(self, n, fee, source, target):
        """Whatever the case, a compliant fee is at most the cap it is compared with."""
        case = change(
            minimal_case(practitioners=n, source_solution=source, target_solution=target),
            extraction__fee=fee,
            import__fee=fee,
        )
        for rule in (EXTRACTION_FEE_CAP, IMPORT_FEE_CAP):
            (found,) = rule.check(case, noon(date(2025, 9, 1)))
            assert (found.status is Status.COMPLIANT) == (fee <= found.cap)


class TestDeadlines:
    """Deadline statuses move in one direction only."""

    @given(st.sampled_from(DEADLINES), st.integers(0, 120), st.integers(0, 30))
    def test_a_later_act_never_turns_a_violation_into_compliance(self, deadline, offset, delay):
        """If an act on day d is a violation, an act on any later day is too."""
        rule, field = deadline
        start = date(2025, 6, 20)
        as_of = noon(date(2026, 1, 1))
        case = change(spec_case(), read_only_access=None)  # its end would precede a late act
        (first,) = rule.check(change(case, **{field: start + timedelta(offset)}), as_of)
        (later,) = rule.check(change(case, **{field: start + timedelta(offset + delay)}), as_of)
        if first.status is Status.VIOLATION:
            assert Status.VIOLATION == later.status
        if later.status is Status.COMPLIANT:
            assert Status.COMPLIANT == first.status

    @given(
        st.sampled_from([EXTRACTION_DEADLINE, IMPORT_DEADLINE]),
        strategies.case_instants,
        st.integers(0, 200),
        st.integers(1, 10_000),
    )
    def test_moving_as_of_past_the_due_date_turns_pending_into_violation(
        self, rule, sent, before, after
    ):
        """With no act: pending up to 24:00 of the due date, a violation after it."""
        case = minimal_case(request_transmitted_at=sent, standard_scope=True)
        assume(rule.version_at(case.requested_on) is not None)
        due = rule.due(sent)
        end = end_of_day(due)
        (early,) = rule.check(case, end - timedelta(minutes=before))
        (late,) = rule.check(case, end + timedelta(seconds=after))
        assert (Status.PENDING, Status.VIOLATION) == (early.status, late.status)
        assert late.days_late >= 1

    @given(st.integers(0, 3000))
    def test_preanalysis_deadline_never_before_its_submission(self, offset):
        """The validation's due date is after the submission."""
        submitted = date(2025, 1, 1) + timedelta(offset)
        assert PREANALYSIS_VALIDATION.due(submitted) > submitted


class TestEvaluate:
    """evaluate() over arbitrary cases."""

    @given(strategies.migration_cases, strategies.evaluation_instants)
    def test_pure(self, case, as_of):
        """The same case and instant give identical JSON, also from a rebuilt case."""
        first = evaluate(case, as_of).to_json()
        again = evaluate(MigrationCase.from_json(case.to_json()), as_of).to_json()
        assert first == again

    @given(st.lists(strategies.migration_cases, max_size=80), strategies.evaluation_instants)
    @settings(max_examples=25)
    def test_streamed_reports_equal_single_ones(self, cases, as_of):
        """evaluate_many gives, in order, the reports evaluate gives case by case."""
        one_by_one = [evaluate(case, as_of).to_json() for case in cases]
        assert one_by_one == [report.to_json() for report in evaluate_many(cases, as_of)]

    @given(strategies.migration_cases, strategies.evaluation_instants)
    def test_reasons_are_declared_and_said(self, case, as_of):
        """Every reason a finding gives is one its rule declares (or the engine's
        not_in_force, or the case's not_yet_requested), and every finding says itself in both
        languages."""
        engine = {"not_in_force", case.not_started_reason}
        for finding in evaluate(case, as_of).findings:
            if finding.reason is not None:
                assert finding.reason in {*RULES[finding.rule_id].reasons, *engine}
            rule = RULES[finding.rule_id]
            assert finding.message("fr").startswith(f"{rule.title_fr}\u00a0: ")
            assert finding.message("en").startswith(f"{rule.title_en}: ")

    @given(strategies.consent_answers, strategies.evaluation_instants)
    def test_consent_answers_are_evaluated_like_cases(self, answers, as_of):
        """Consent answers give a report with the checklist's one finding, the same from
        their JSON form (whose "subject" key names its kind), and in both languages."""
        report = evaluate(answers, as_of)
        assert [NEW_FEATURE_CONSENT.id] == [f.rule_id for f in report.findings]
        document = {**answers.to_dict(), "subject": "qc.emr.consent-assessment"}
        assert report.to_json() == evaluate(document, as_of).to_json()
        assert report.findings[0].message("en").startswith(f"{NEW_FEATURE_CONSENT.title_en}: ")

    @given(strategies.migration_cases, strategies.evaluation_instants)
    def test_status_is_the_worst_finding(self, case, as_of):
        """The report's status is the worst of its findings'."""
        report = evaluate(case, as_of)
        assert max(f.status.severity for f in report.findings) == report.status.severity


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 10)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["2025-07-10", "2025-02-30", "2025-06-20T16:45:00Z", "1800.00", "-1"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)
PATHS = [
    ("case_id",),
    ("request_transmitted_at",),
    ("practitioners",),
    ("standard_scope",),
    ("extraction",),
    ("extraction", "fee"),
    ("extraction", "delivered_on"),
    ("import",),
    ("import", "completed_on"),
    ("read_only_access", "until"),
    ("request_form", "sent_to"),
    ("calendar", "validation_sessions_on"),
    ("complaints",),
    ("preanalysis", "submitted_on"),
    ("unknown",),
]


class TestMalformed:
    """A malformed case never raises anything but a DmeRulesError."""

    @given(st.sampled_from(PATHS), JSON_VALUES)
    def test_only_dme_rules_errors(self, path, value):
        """Any value at any place: a case, or a DmeRulesError; never another exception."""
        data = json.loads(json.dumps(spec_case().to_dict()))
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
        try:
            case = MigrationCase.from_dict(data)
        except DmeRulesError:
            return
        evaluate(case, noon(date(2025, 9, 1))).to_json()

    @given(strategies.migration_cases, st.sampled_from(["extraction", "import_"]))
    def test_amounts_stay_decimal(self, case, block):
        """Amounts read back from JSON are Decimals."""
        read = MigrationCase.from_json(case.to_json())
        fee = getattr(getattr(read, block), "fee", None) if getattr(read, block) else None
        assert fee is None or isinstance(fee, Decimal)
        assert attrs.asdict(read) == attrs.asdict(case)
