"""The example cases under examples/: each verdict, written out, and what they cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from dme_rules import NEW_FEATURE_CONSENT, RULES, ConsentAnswers, MigrationCase, Status, evaluate
from dme_rules.cli import main

from .cases import at

EXAMPLES = Path(__file__).parent.parent / "examples"
V, C, P, N = Status.VIOLATION, Status.COMPLIANT, Status.PENDING, Status.NOT_APPLICABLE
INS = Status.INSUFFICIENT_DATA

#: case file -> (as_of, verdict, the findings that make it, by rule id, with their due dates)
EXPECTED = {
    "spec-example": (
        "2025-09-01T12:00:00-04:00",
        V,
        # Complaint Wed 08-20 10:00: Thu 21, Fri 22, Mon 25 at 10:00; not followed up.
        {
            "qc.bch.complaint-follow-up": (V, "2025-08-25T10:00:00-04:00"),
            # Migrated 08-05: the later of + 3 months = 11-05 and + 90 days = 11-03. The
            # SPEC's access until 11-03 is planned two days short (pending until it ends);
            # the calendar's removal on 11-04 comes before 11-05 has passed.
            "qc.migration.read-only-access": (P, "2025-11-05"),
            "qc.migration.calendar-content": (V, None),
        },
    ),
    "same-solution-on-time": (
        "2025-07-02T12:00:00-04:00",
        C,
        # Mon 02-03: day 1 Tue 02-04; + 20 days = Mon 02-24; + 44 days = Thu 03-20.
        {
            "qc.migration.extraction-deadline": (C, "2025-02-24"),
            "qc.migration.import-deadline": (C, "2025-03-20"),
            # Omnimed to Omnimed, 2 practitioners: 2 x $500.
            "qc.migration.import-fee-cap": (C, None),
            # Migrated 03-14: the later of + 3 months = 06-14 and + 90 days = 06-12.
            "qc.migration.read-only-access": (C, "2025-06-14"),
        },
    ),
    "request-2022-first-versions": (
        "2022-08-15T12:00:00-04:00",
        V,
        {
            # Version 1, civil procedure: Fri 03-04 + 21 days = Fri 03-25.
            "qc.migration.extraction-deadline": (C, "2022-03-25"),
            # 03-04 + 45 days = Mon 04-18, Easter Monday 2022: extended to Tue 04-19.
            "qc.migration.import-deadline": (C, "2022-04-19"),
            # The import, completed Tue 04-19 (its due date), is confirmed Wed 04-20: its
            # confirmation was due by the later of 04-19 and the completion day, 04-19, so it
            # is a day late (confirm-within-period); the extraction, delivered 03-22 and
            # confirmed 03-23, was due by 03-25.
            "qc.migration.success-confirmation": (V, "2022-04-19"),
            # Migrated 04-19 + 3 months = 07-19.
            "qc.migration.read-only-access": (C, "2022-07-19"),
            "qc.migration.request-form": (N, None),
        },
    ),
    "late-clinic-validation": (
        "2025-10-01T12:00:00-04:00",
        V,
        {
            # Submitted Tue 05-06: 7, 8, 9, 12, 13, 14, 15 May; validated Fri 05-23.
            "qc.migration.preanalysis-validation": (V, "2025-05-15"),
            # Mon 04-14: day 1 Tue 04-15 + 44 days = Thu 05-29, moved by the clinic's 5
            # business days of delay (16, 20, 21, 22, 23 May; 19 May is a holiday) to Thu
            # 06-05: completed Wed 06-04, on time.
            "qc.migration.import-deadline": (C, "2025-06-05"),
            # Migrated 06-04 (the import, not the planned 05-29): access required until the
            # later of 09-04 and 09-02; the calendar removes it on 09-01.
            "qc.migration.calendar-content": (V, None),
        },
    ),
    "migration-in-progress": (
        "2025-11-10T12:00:00-05:00",
        P,
        # Mon 10-06: day 1 Tue 10-07 + 44 days = Thu 11-20, not reached on 11-10.
        {
            "qc.migration.import-deadline": (P, "2025-11-20"),
            "qc.migration.read-only-access": (N, None),
        },
    ),
    "fees-over-caps": (
        "2024-08-01T12:00:00-04:00",
        V,
        {
            # 2 practitioners: $1,200 > 2 x $500; $3,200 > 2 x $1,500.
            "qc.migration.extraction-fee-cap": (V, None),
            "qc.migration.import-fee-cap": (V, None),
            # Nothing confirmed. Mon 05-06: day 1 Tue 05-07; the extraction's confirmation
            # was due with it, + 20 days = Mon 05-27 (66 days overdue on 08-01: 4 + 30 + 31
            # + 1), the import's with it, + 44 days = Thu 06-20: the extraction's is worse.
            "qc.migration.success-confirmation": (V, "2024-05-27"),
            "qc.migration.request-form": (INS, None),
            # Migrated 06-19: the later of + 3 months = 09-19 and + 90 days = 09-17; the
            # access fee is not recorded.
            "qc.migration.read-only-access": (INS, "2024-09-19"),
        },
    ),
    "minimal-new-request": (
        "2025-09-20T12:00:00-04:00",
        INS,
        # Mon 09-15: day 1 Tue 09-16 + 20 days = Mon 10-06. Neither the extraction nor its
        # fee is recorded: nothing charged yet. The form and the calendar are missing.
        {
            "qc.migration.extraction-deadline": (P, "2025-10-06"),
            "qc.migration.extraction-fee-cap": (N, None),
            "qc.migration.request-form": (INS, None),
            "qc.migration.calendar-content": (INS, None),
        },
    ),
    "non-standard-scope": (
        "2025-01-15T12:00:00-05:00",
        V,
        {
            # Tue 09-03: day 1 Wed 09-04 + 44 days = Fri 10-18, reported though not binding;
            # + 20 days = Tue 09-24 for the extraction, not binding either (same passage).
            "qc.migration.import-deadline": (N, "2024-10-18"),
            "qc.migration.extraction-deadline": (N, "2024-09-24"),
            # Pre-analysis ends (09-23) before it starts (09-25); access removed 02-15, before
            # the later of 11-29 + 3 months = 2025-02-28 (clamped) and + 90 days = 02-27.
            "qc.migration.calendar-content": (V, None),
            # Acme DME is outside the directory: its address cannot be checked.
            "qc.migration.request-form": (INS, None),
            # No deadline binds a non-standard scope: each confirmation is due the day its
            # operation ended. The import, completed Fri 11-29, is confirmed Mon 12-02: 3
            # days late.
            "qc.migration.success-confirmation": (V, "2024-11-29"),
        },
    ),
    "complaints-answered": (
        "2025-06-03T12:00:00-04:00",
        C,
        # Fri 03-07 15:00 EST (before DST): Mon 10, Tue 11, Wed 12 at 15:00 EDT.
        {"qc.bch.complaint-follow-up": (C, "2025-03-12T15:00:00-04:00")},
    ),
}


def load(name: str) -> MigrationCase:
    return MigrationCase.from_json((EXAMPLES / "cases" / f"{name}.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_verdict(name):
    """Each example case has its verdict, and the findings that make it."""
    as_of, verdict, findings = EXPECTED[name]
    report = evaluate(load(name), at(as_of))
    assert verdict == report.status
    for rule_id, (status, due) in findings.items():
        found = report.finding(rule_id)
        assert (status, due) == (found.status, None if found.due is None else found.due.isoformat())


def test_second_complaint_on_good_friday():
    """Filed Good Friday 04-18: clock from Tue 04-22 00:00 to Thu 04-24 24:00; answered 09:00."""
    report = evaluate(load("complaints-answered"), at("2025-06-03T12:00:00-04:00"))
    _, second = [f for f in report.findings if f.rule_id == "qc.bch.complaint-follow-up"]
    assert (C, "2025-04-25T00:00:00-04:00") == (second.status, second.due.isoformat())


def test_every_case_file_is_listed():
    """No example case file goes untested."""
    assert sorted(EXPECTED) == sorted(p.stem for p in (EXAMPLES / "cases").glob("*.json"))


def test_examples_reach_every_status_and_every_rule():
    """Together the examples give every status, and every migration rule a real verdict."""
    reports = [evaluate(load(name), at(as_of)) for name, (as_of, _, _) in EXPECTED.items()]
    statuses = {f.status for r in reports for f in r.findings}
    assert set(Status) == statuses
    judged = {f.rule_id for r in reports for f in r.findings if f.status is not N}
    assert set(RULES) - {NEW_FEATURE_CONSENT.id} == judged


@pytest.mark.parametrize(
    ("name", "decision", "unmet"),
    [
        ("online-booking-proceed", "proceed", []),
        ("transcription-do-not-proceed", "do_not_proceed",
         ["data_necessary", "explicit_consent", "consent_quality"]),
    ],
)  # fmt: skip
def test_consent_examples(name, decision, unmet):
    """The checklist examples decide as written."""
    answers = ConsentAnswers.from_json((EXAMPLES / "consent" / f"{name}.json").read_text("utf-8"))
    (found,) = NEW_FEATURE_CONSENT.check(answers, at("2025-09-01T12:00:00-04:00"))
    assert (decision, unmet) == (found.details["decision"], found.details["unmet"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_cli_exit_code_follows_the_verdict(name, capsys):
    """dme-rules check exits 1 exactly when the verdict is a violation."""
    as_of, verdict, _ = EXPECTED[name]
    code = main(["check", str(EXAMPLES / "cases" / f"{name}.json"), "--as-of", as_of])
    capsys.readouterr()
    assert (1 if verdict is V else 0) == code
