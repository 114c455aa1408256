"""Report.explain: each due date's steps, with the legal basis of each (SPEC §3.2)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dme_rules import (
    CIVIL_PROCEDURE,
    INTERPRETATION_ACT,
    NEXT_BUSINESS_DAY,
    PROCEDURE_2024,
    QUEBEC_CPC,
    Complaint,
    evaluate,
)
from dme_rules.jurisdictions.qc.counting import period_end_on, period_steps

from ... import strategies
from ...cases import at, change, spec_case

AS_OF = at("2025-09-01T12:00:00-04:00")


@given(
    strategies.recent_dates,
    st.sampled_from([21, 45]),
    st.sampled_from([PROCEDURE_2024, CIVIL_PROCEDURE]),
    st.sampled_from([NEXT_BUSINESS_DAY, INTERPRETATION_ACT]),
)
def test_the_steps_end_where_the_count_ends(requested_on, days, reading, extension):
    """The explained end is the computed end, and its last step names it."""
    end, steps = period_steps(requested_on, days, reading, QUEBEC_CPC, extension)
    assert period_end_on(requested_on, days, reading, QUEBEC_CPC, extension) == end
    code, values = steps[-1]
    assert end == values.get("due", values.get("end"))
    assert code.startswith("explain.")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_rule_explains_itself_in_both_languages(lang):
    """Every finding of a complete case has its lines: steps (each a filled-in sentence)
    then the finding's own sentence, last."""
    report = evaluate(spec_case(), AS_OF)
    for finding in report.findings:
        lines = report.explain(finding.rule_id, lang)
        assert lines[-1] == report.message(finding, lang)
        for line in lines:
            assert "{" not in line


def test_the_extraction_of_the_spec_example():
    """Request Fri 06-20 16:45 EDT: day 1 Mon 06-23 (the weekend skipped), day 21 Sun 07-13,
    extended to Mon 07-14 under the Code of Civil Procedure, art. 83."""
    lines = evaluate(spec_case(), AS_OF).explain("qc.migration.extraction-deadline", "en")
    assert [
        "- request sent on 2025-06-20 16:45 (EDT), that is 2025-06-20 in Montreal (the date of"
        " an instant is its local date in Montreal)",
        "- day 1: 2025-06-23, the first business day after 2025-06-20 (Procedure 2024, step 2:"
        " « le jour ouvrable suivant la date de transmission »)",
        "- days off skipped: 2025-06-21 (Saturday), 2025-06-22 (Sunday)",
        "- day 21: 2025-06-23 + 20 days = 2025-07-13",
        "- days off from 2025-07-13: 2025-07-13 (Sunday); extended to 2025-07-14 (Code of Civil"
        " Procedure, art. 83; reading next-business-day)",
    ] == lines[:-1]


def test_holidays_are_named_in_french():
    """A complaint filed Mon 2025-06-23: the Fête nationale (Tue 24 June) falls inside the
    BCH's clock and is named."""
    case = change(spec_case(), complaints=(Complaint(at("2025-06-23T10:00:00-04:00")),))
    lines = evaluate(case, AS_OF).explain("qc.bch.complaint-follow-up", "fr")
    assert "- jours non ouvrables sautés\u00a0: 2025-06-24 (Fête nationale du Québec)" in lines


def test_interpretation_act_keeps_a_saturday():
    """Day 45 on Sat 2025-08-09: no extension under interpretation-act, and the step says
    why."""
    case = change(spec_case(), request_transmitted_at=at("2025-06-25T10:00:00-04:00"))
    report = evaluate(case, AS_OF, readings=[INTERPRETATION_ACT])
    lines = report.explain("qc.migration.import-deadline", "en")
    assert any("no holiday of the Interpretation Act" in line for line in lines)


def test_the_clinic_delay_is_a_step():
    """Validated Wed 07-30, 4 business days late: the import is due 08-06 + 4 = 08-12."""
    case = change(spec_case(), preanalysis__validated_on=date(2025, 7, 30))
    lines = evaluate(case, AS_OF).explain("qc.migration.import-deadline", "fr")
    assert any("4 jours ouvrables de retard" in line and "2025-08-12" in line
               for line in lines)  # fmt: skip


@pytest.mark.parametrize(
    ("preanalysis", "readings", "step"),
    [
        # Submitted Thu 08-07, after the import's due date (08-06): nothing moves.
        ({"preanalysis__submitted_on": date(2025, 8, 7), "preanalysis__validated_on":
          date(2025, 8, 25)}, [], "after the due date: nothing moves"),
        # Validated Fri 08-01, no submission: due 07-03 at the earliest, at most 21 business
        # days late (4 July to 1 August), so 08-06 + 21 business days = 09-05 at the latest.
        ({"preanalysis__submitted_on": None, "preanalysis__validated_on": date(2025, 8, 1)},
         [], "due 2025-09-05 at the latest"),
        ({"preanalysis__submitted_on": None, "preanalysis__validated_on": date(2025, 8, 1)},
         ["clinic-delay-noted"], "due date unchanged (reading clinic-delay-noted)"),
    ],
)  # fmt: skip
def test_the_clinic_delay_step_says_what_the_reading_made_of_it(preanalysis, readings, step):
    """The last step says whether the delay moved the due date, and why not."""
    case = change(spec_case(), **preanalysis)
    lines = evaluate(case, at("2025-09-10T12:00:00-04:00"), readings=readings).explain(
        "qc.migration.import-deadline", "en"
    )
    assert step in lines[-2]  # the steps, then the finding's sentence


def test_a_process_that_has_not_started():
    """An unsigned form: the request's instant, then why no clock runs."""
    case = change(spec_case(), request_form__signed=False)
    lines = evaluate(case, AS_OF).explain("qc.migration.extraction-deadline", "en")
    assert "the process has not started" in lines[1]
    assert 3 == len(lines)


def test_an_unknown_rule_is_a_key_error():
    with pytest.raises(KeyError):
        evaluate(spec_case(), AS_OF).explain("qc.no-such-rule")
