"""RETENTION (L.1111-18): ten years from the closure, the anniversary day included."""

from __future__ import annotations

from datetime import date

import pytest

from dme_rules import Status
from dme_rules.jurisdictions.fr.rules.retention import RETENTION

from ....common import CommonRuleTests
from ..records import dmp, paris_noon

# Closed Fri 15 March 2024: kept until Wed 15 March 2034 (the same day number ten years on).
CLOSED, KEPT_UNTIL = date(2024, 3, 15), date(2034, 3, 15)


def closed(purged_on: str | None = None, closed_on: date = CLOSED):
    fields = {"authorized_on": "2020-01-06", "closed_on": closed_on.isoformat()}
    return dmp(**fields, purged_on=purged_on) if purged_on else dmp(**fields)


class TestRetention(CommonRuleTests):
    rule = RETENTION
    constant = "RETENTION"
    examples = {
        Status.COMPLIANT: (closed("2034-03-15"), paris_noon(date(2035, 1, 1))),
        Status.VIOLATION: (closed("2034-03-14"), paris_noon(date(2035, 1, 1))),
        Status.PENDING: (closed(), paris_noon(date(2030, 1, 1))),
        Status.NOT_APPLICABLE: (dmp(authorized_on="2020-01-06"), paris_noon(date(2030, 1, 1))),
        Status.INSUFFICIENT_DATA: (dmp(purged_on="2030-01-01"), paris_noon(date(2030, 6, 1))),
    }

    def subject_on(self, day: date):
        """A record closed on ``day`` (the closure's date chooses the version)."""
        return dmp(closed_on=day.isoformat())

    def test_purged_the_day_before_the_anniversary(self):
        found = self.finding(closed("2034-03-14"), paris_noon(date(2035, 1, 1)))
        assert (found.status, found.due, found.days_late) == (Status.VIOLATION, KEPT_UNTIL, 1)

    def test_purged_on_the_anniversary(self):
        found = self.finding(closed("2034-03-15"), paris_noon(date(2035, 1, 1)))
        assert (found.status, found.act_on) == (Status.COMPLIANT, KEPT_UNTIL)

    def test_29_february_ten_years_on_is_28_february(self):
        # Closed Thu 29 Feb 2024: 2034 has no 29 February, so the month's last day, 28 Feb.
        leap = date(2024, 2, 29)
        on_28 = self.finding(closed("2034-02-28", leap), paris_noon(date(2035, 1, 1)))
        on_27 = self.finding(closed("2034-02-27", leap), paris_noon(date(2035, 1, 1)))
        assert (on_28.status, on_28.due) == (Status.COMPLIANT, date(2034, 2, 28))
        assert on_27.status == Status.VIOLATION

    @pytest.mark.parametrize(
        ("today", "status", "days_left"),
        [
            (date(2034, 3, 15), Status.PENDING, 0),  # the anniversary: still kept that day
            (date(2034, 3, 16), Status.COMPLIANT, None),  # past it, never purged
        ],
    )
    def test_not_purged_around_the_anniversary(self, today, status, days_left):
        found = self.finding(closed(), paris_noon(today))
        assert (found.status, found.days_left) == (status, days_left)

    def test_a_purge_after_as_of_is_not_seen(self):
        found = self.finding(closed("2034-03-14"), paris_noon(date(2030, 1, 1)))
        assert (found.status, found.act_on) == (Status.PENDING, None)

    def test_a_closure_after_as_of_is_an_open_record(self):
        found = self.finding(closed(), paris_noon(date(2024, 3, 14)))
        assert (found.status, found.reason) == (Status.NOT_APPLICABLE, "record_open")

    def test_a_purge_without_a_closure(self):
        found = self.finding(dmp(purged_on="2030-01-01"), paris_noon(date(2030, 6, 1)))
        assert found.details["missing"] == "$.closed_on"

    def test_the_message_names_the_closure(self):
        found = self.finding(closed("2034-03-14"), paris_noon(date(2035, 1, 1)))
        assert "fermé le 2024-03-15" in found.message("fr")
        assert "closed on 2024-03-15" in found.message("en")
