"""What the extraction and import deadlines share (SPEC §3.1): the period's end on a day
off, the request form that starts the process, the scope, under each reading."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import EXTRACTION_DEADLINE, IMPORT_DEADLINE, Status
from dme_rules.jurisdictions.qc.readings import (
    INTERPRETATION_ACT,
    SCOPE_REQUIRED,
    TRANSMISSION_STARTS_PROCESS,
)

from ....cases import at, change, days, minimal_case, noon, spec_case

BOTH = pytest.mark.parametrize("rule", [EXTRACTION_DEADLINE, IMPORT_DEADLINE], ids=lambda r: r.name)
AS_OF = at("2025-09-01T12:00:00-04:00")
V, C, P, N, INS = (Status.VIOLATION, Status.COMPLIANT, Status.PENDING, Status.NOT_APPLICABLE,
                   Status.INSUFFICIENT_DATA)  # fmt: skip


class TestPeriodEnd:
    """next-business-day (default) against interpretation-act, on each kind of day off."""

    @pytest.mark.parametrize(
        ("sent", "default", "interpretation_act", "why"),
        [
            ("2025-06-25T10:00:00-04:00", date(2025, 8, 11), date(2025, 8, 9),
             "day 1 Thu 06-26 + 44 days = Sat 08-09: a Saturday is a juridical day"),
            ("2025-06-26T10:00:00-04:00", date(2025, 8, 11), date(2025, 8, 11),
             "day 1 Fri 06-27 + 44 days = Sun 08-10: both extend to Mon 08-11"),
            ("2025-11-11T10:00:00-05:00", date(2025, 12, 29), date(2025, 12, 26),
             "day 1 Wed 11-12 + 44 days = Fri 12-26: a holiday of the Code only"),
            ("2025-11-10T10:00:00-05:00", date(2025, 12, 29), date(2025, 12, 26),
             "day 1 Tue 11-11 + 44 days = Thu 12-25: Christmas, then Fri 26 (Code: Mon 29)"),
            ("2025-11-07T10:00:00-05:00", date(2025, 12, 24), date(2025, 12, 24),
             "day 1 Mon 11-10 + 44 days = Wed 12-24, a business day: no extension"),
        ],
    )  # fmt: skip
    def test_import_end_under_both_readings(self, sent, default, interpretation_act, why):
        """The import's end under each reading of an end on a day off."""
        assert default == IMPORT_DEADLINE.due(at(sent)), why
        assert interpretation_act == IMPORT_DEADLINE.due(at(sent), readings=[INTERPRETATION_ACT]), (
            why
        )

    def test_a_saturday_act_is_late_or_on_time_by_the_reading(self):
        """Due Sat 08-09 under interpretation-act: an import on Mon 08-11 is two days late;
        under the default it is on time."""
        case = change(minimal_case(request_transmitted_at=at("2025-06-25T10:00:00-04:00")),
                      import__completed_on=date(2025, 8, 11))  # fmt: skip
        (default,) = IMPORT_DEADLINE.check(case, AS_OF)
        (act,) = IMPORT_DEADLINE.check(case, AS_OF, readings=[INTERPRETATION_ACT])
        assert (C, date(2025, 8, 11)) == (default.status, default.due)
        assert (V, date(2025, 8, 9), 2) == (act.status, act.due, act.days_late)
        assert "interpretation-act" in act.readings
        assert "next-business-day" in default.readings

    def test_the_first_versions_allow_it_too(self):
        """Version 1, civil-procedure: request Sat 2022-03-05 + 21 days = Sat 03-26, extended
        to Mon 03-28 by default, kept under interpretation-act."""
        sent = at("2022-03-05T10:00:00-05:00")
        assert date(2022, 3, 28) == EXTRACTION_DEADLINE.due(sent)
        assert date(2022, 3, 26) == EXTRACTION_DEADLINE.due(sent, readings=[INTERPRETATION_ACT])


class TestRequestForm:
    """form-starts-process (default) against transmission-starts-process (SPEC §3.1)."""

    @BOTH
    @pytest.mark.parametrize(
        ("form", "reason"),
        [
            ({"request_form__signed": False}, "process_not_started"),
            ({"request_form__clinic_authorization": False}, "process_not_started"),
            ({"request_form__signed": None, "request_form__clinic_authorization": None}, None),
            ({"request_form__sent_to": ("certification.homologation@msss.gouv.qc.ca",)},
             "not_sent_to_party"),
            ({"request_form__sent_to": None}, None),
        ],
    )  # fmt: skip
    def test_an_unstarted_process_runs_no_clock(self, rule, form, reason):
        """An overdue act under a form recorded as unsigned, unauthorized or not sent to the
        vendor is not_applicable; an absent fact stops nothing (the deadline is judged: a
        violation, overdue)."""
        case = change(minimal_case(), **form)
        (found,) = rule.check(case, AS_OF)
        if reason is None:
            assert V == found.status
        else:
            assert (N, reason, None) == (found.status, found.reason, found.due)
        (running,) = rule.check(case, AS_OF, readings=[TRANSMISSION_STARTS_PROCESS])
        assert (V, None) == (running.status, running.reason)
        assert "transmission-starts-process" in running.readings

    def test_each_vendor_is_judged_by_its_own_address(self):
        """Sent to Omnimed (the current vendor) and the BCH only: the extraction clock runs,
        the import's (MYLE's) does not."""
        case = change(minimal_case(), request_form__sent_to=(
            "importations@omnimed.com", "certification.homologation@msss.gouv.qc.ca"))  # fmt: skip
        (extraction,) = EXTRACTION_DEADLINE.check(case, AS_OF)
        (imported,) = IMPORT_DEADLINE.check(case, AS_OF)
        assert V == extraction.status
        assert (N, "not_sent_to_party") == (imported.status, imported.reason)

    def test_the_addresses_compare_without_case_or_spaces(self):
        """« Deploiement@MedfarSolutions.com » with spaces is MYLE's address."""
        case = change(minimal_case(), request_form__sent_to=(
            "importations@omnimed.com", " Deploiement@MedfarSolutions.com "))  # fmt: skip
        (imported,) = IMPORT_DEADLINE.check(case, AS_OF)
        assert V == imported.status

    def test_a_solution_outside_the_directory_is_not_stopped(self):
        """No known address to miss: the clock runs."""
        case = change(minimal_case(target_solution="Nouveau DMÉ"), request_form__sent_to=())
        (imported,) = IMPORT_DEADLINE.check(case, AS_OF)
        assert V == imported.status

    @BOTH
    def test_the_first_versions_have_no_form_condition(self, rule):
        """A 2022 request with an unsigned form: version 1 runs its clock."""
        case = change(minimal_case(request_transmitted_at=at("2022-03-01T10:00:00-05:00")),
                      request_form__signed=False)  # fmt: skip
        (found,) = rule.check(case, noon(date(2022, 9, 1)))
        assert ("1", V) == (found.rule_version, found.status)
        assert "form-starts-process" not in found.readings


class TestScope:
    """A non-standard scope excuses both v2 deadlines, no v1 deadline; an unknown scope."""

    @BOTH
    def test_non_standard_scope_excuses_both_deadlines_from_2024(self, rule):
        """Overdue on 2025-09-01, non-standard: not_applicable, the statutory date kept."""
        case = change(minimal_case(), standard_scope=False)
        (found,) = rule.check(case, AS_OF)
        (due,) = rule.check(minimal_case(), AS_OF)
        assert (N, "non_standard_scope", due.due) == (found.status, found.reason, found.due)

    @BOTH
    def test_non_standard_scope_does_not_excuse_the_first_versions(self, rule):
        """The 2021 notice has no scope condition: a 2022 request stays a violation."""
        case = minimal_case(request_transmitted_at=at("2022-03-01T10:00:00-05:00"),
                            standard_scope=False)  # fmt: skip
        (found,) = rule.check(case, noon(date(2022, 9, 1)))
        assert ("1", V, None) == (found.rule_version, found.status, found.reason)
        (required,) = rule.check(
            minimal_case(request_transmitted_at=at("2022-03-01T10:00:00-05:00")),
            noon(date(2022, 9, 1)),
            readings=[SCOPE_REQUIRED],
        )
        assert V == required.status  # ignored by version 1, and recorded
        assert ("scope-required",) == required.details["readings_ignored"]

    @BOTH
    @pytest.mark.parametrize(
        ("offset", "default", "required"),
        [(0, P, P), (1, V, INS)],  # seen at noon on the due date, then the day after
    )
    def test_unknown_scope_on_both_sides_of_the_due_date(self, rule, offset, default, required):
        """Unknown scope, nothing done: pending until the due date under both readings; the
        day after, a violation (presumed standard) or insufficient data (scope required)."""
        (due,) = rule.check(minimal_case(), AS_OF)
        as_of = noon(due.due + days(offset))
        assert default == rule.check(minimal_case(), as_of)[0].status
        assert required == rule.check(minimal_case(), as_of, readings=[SCOPE_REQUIRED])[0].status

    def test_the_spec_example_is_standard(self):
        """The SPEC example records a standard scope: every reading judges it the same."""
        for readings in ((), (SCOPE_REQUIRED,)):
            (found,) = IMPORT_DEADLINE.check(spec_case(), AS_OF, readings=readings)
            assert C == found.status
