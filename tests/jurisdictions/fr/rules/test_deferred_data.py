"""DEFERRED_DATA (R.1111-53): two weeks to inform the holder, one month to open the datum,
unless an announcement consultation came first."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from dme_rules import Status
from dme_rules.jurisdictions.fr.calendars import FRANCE_ALSACE_MOSELLE
from dme_rules.jurisdictions.fr.readings import NEXT_WORKING_DAY
from dme_rules.jurisdictions.fr.rules.deferred_data import DEFERRED_DATA

from ....common import CommonRuleTests
from ..records import dmp, paris_noon

# Thu 2 May 2024 at 10:00 in Paris: day 14 is Thu 16 May; one month on is Sun 2 June.
DEPOSIT = "2024-05-02T10:00:00+02:00"
LATER = paris_noon(date(2024, 7, 1))


def deferred(at: str = DEPOSIT, inaccessible: bool = True, **acts: str) -> Any:
    return dmp(deposits=[{"deposit_id": "d1", "at": at, "professional_id": "P1",
                          "inaccessible": inaccessible, **acts}])  # fmt: skip


class TestDeferredData(CommonRuleTests):
    rule = DEFERRED_DATA
    constant = "DEFERRED_DATA"
    examples = {
        Status.COMPLIANT: (
            deferred(holder_informed_on="2024-05-16", made_accessible_on="2024-06-02"),
            LATER,
        ),
        Status.VIOLATION: (deferred(made_accessible_on="2024-06-02"), LATER),
        Status.PENDING: (deferred(), paris_noon(date(2024, 5, 10))),
        Status.NOT_APPLICABLE: (deferred(inaccessible=False), LATER),
    }
    unreachable = {Status.INSUFFICIENT_DATA: "a deposit's facts are all required"}

    def subject_on(self, day: date):
        return deferred(f"{day.isoformat()}T12:00:00+01:00")

    @pytest.mark.parametrize(
        ("informed", "status"),
        [("2024-05-16", Status.COMPLIANT), ("2024-05-17", Status.VIOLATION)],  # day 14, day 15
    )
    def test_the_14th_and_15th_day(self, informed, status):
        found = self.finding(deferred(holder_informed_on=informed,
                                      made_accessible_on="2024-06-01"), LATER)  # fmt: skip
        entry = found.details["deposits"][0]
        assert (entry["inform_by"], entry["inform"]) == (date(2024, 5, 16), status.value)

    @pytest.mark.parametrize(
        ("deposit", "open_by"),
        [
            ("2024-01-31T10:00:00+01:00", date(2024, 2, 29)),  # no 31 February: its last day
            ("2023-01-31T10:00:00+01:00", date(2023, 2, 28)),
            ("2024-05-02T10:00:00+02:00", date(2024, 6, 2)),  # the same day number
        ],
    )
    def test_one_month_at_the_months_end(self, deposit, open_by):
        found = self.finding(deferred(deposit), paris_noon(date(2024, 12, 1)))
        assert found.details["deposits"][0]["open_by"] == open_by

    def test_made_accessible_before_its_last_day(self):
        found = self.finding(deferred(holder_informed_on="2024-05-03",
                                      made_accessible_on="2024-05-20"), LATER)  # fmt: skip
        assert found.status == Status.COMPLIANT

    def test_an_announcement_the_day_before_a_limit_ends_both_clocks(self):
        found = self.finding(deferred(announcement_on="2024-05-15"), LATER)
        assert found.status == Status.COMPLIANT

    def test_an_announcement_after_day_14_ends_only_the_month(self):
        found = self.finding(deferred(announcement_on="2024-05-20"), LATER)
        entry = found.details["deposits"][0]
        assert (entry["inform"], entry["open"]) == ("violation", "compliant")

    def test_pending_then_late(self):
        waiting = self.finding(deferred(), paris_noon(date(2024, 5, 16)))  # day 14 itself
        late = self.finding(deferred(), paris_noon(date(2024, 5, 17)))
        assert (waiting.status, waiting.due) == (Status.PENDING, date(2024, 5, 16))
        assert late.status == Status.VIOLATION

    def test_an_act_after_as_of_is_not_seen(self):
        found = self.finding(
            deferred(holder_informed_on="2024-05-16"), paris_noon(date(2024, 5, 10))
        )
        assert found.details["deposits"][0]["inform"] == "pending"

    def test_next_working_day(self):
        # Sat 4 May 2024: day 14 is Sat 18 May; Sun 19 and Whit Monday 20 May follow, so the
        # extension (art. 642) gives Tue 21 May.
        record = deferred("2024-05-04T10:00:00+02:00", holder_informed_on="2024-05-21",
                          made_accessible_on="2024-06-04")  # fmt: skip
        default = self.finding(record, LATER)
        extended = self.finding(record, LATER, readings=[NEXT_WORKING_DAY])
        assert default.details["deposits"][0]["inform_by"] == date(2024, 5, 18)
        assert default.status == Status.VIOLATION
        assert extended.details["deposits"][0]["inform_by"] == date(2024, 5, 21)
        # One month on: Tue 4 June, a working day: not moved.
        assert extended.details["deposits"][0]["open_by"] == date(2024, 6, 4)
        assert extended.status == Status.COMPLIANT
        assert extended.interpretation == "next-working-day"

    def test_next_working_day_on_the_alsace_moselle_calendar(self):
        # Thu 12 Dec 2024: day 14 is Thu 26 Dec, a holiday in Alsace-Moselle only.
        record, as_of = deferred("2024-12-12T10:00:00+01:00"), paris_noon(date(2025, 2, 1))
        france = self.finding(record, as_of, readings=[NEXT_WORKING_DAY])
        alsace = self.finding(record, as_of, readings=[NEXT_WORKING_DAY],
                              calendar=FRANCE_ALSACE_MOSELLE)  # fmt: skip
        assert france.details["deposits"][0]["inform_by"] == date(2024, 12, 26)
        assert alsace.details["deposits"][0]["inform_by"] == date(2024, 12, 27)

    def test_messages(self):
        found = self.finding(deferred(made_accessible_on="2024-06-02"), LATER)
        assert "titulaire non informé au 2024-05-16" in found.message("fr")
        assert "the holder not informed by 2024-05-16" in found.message("en")


def test_a_deposit_later_the_same_day_than_as_of_is_not_seen():
    """Found in review: deposits are seen by their instant, not their date."""
    record = deferred("2024-05-02T18:00:00+02:00")
    found = DEFERRED_DATA.check(record, datetime.fromisoformat("2024-05-02T10:00:00+02:00"))[0]
    assert (found.status, found.reason) == (Status.NOT_APPLICABLE, "no_deferred_data")
