"""RETENTION (L.1111-18): ten years from the closure, until 24:00 of the anniversary (art. 641
for the day, art. 642 for its end): a purge on the anniversary is early, from the next day
compliant."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dme_rules import JURISDICTIONS, Status
from dme_rules.jurisdictions.fr.counting import end_of_day
from dme_rules.jurisdictions.fr.readings import RETENTION_EXTENDED
from dme_rules.jurisdictions.fr.rules.retention import RETENTION
from dme_rules.jurisdictions.fr.sources import CPC_642_EXTENSION

from ....common import CommonRuleTests
from ..records import dmp, paris_noon

# Closed Fri 15 March 2024: kept until Wed 15 March 2034 (the same day number ten years on).
CLOSED, KEPT_UNTIL = date(2024, 3, 15), date(2034, 3, 15)
RETENTION_PACK = JURISDICTIONS["fr"]


def closed(purged_on: str | None = None, closed_on: date = CLOSED):
    fields = {"authorized_on": "2020-01-06", "closed_on": closed_on.isoformat()}
    return dmp(**fields, purged_on=purged_on) if purged_on else dmp(**fields)


class TestRetention(CommonRuleTests):
    rule = RETENTION
    constant = "RETENTION"
    examples = {
        Status.COMPLIANT: (closed("2034-03-16"), paris_noon(date(2035, 1, 1))),
        Status.VIOLATION: (closed("2034-03-15"), paris_noon(date(2035, 1, 1))),
        Status.PENDING: (closed(), paris_noon(date(2030, 1, 1))),
        Status.NOT_APPLICABLE: (dmp(authorized_on="2020-01-06"), paris_noon(date(2030, 1, 1))),
        Status.INSUFFICIENT_DATA: (dmp(purged_on="2030-01-01"), paris_noon(date(2030, 6, 1))),
    }

    def subject_on(self, day: date):
        """A record closed on ``day`` (the closure's date chooses the version)."""
        return dmp(closed_on=day.isoformat())

    @pytest.mark.parametrize(
        ("purged", "status", "days_early"),
        [
            # 2024-03-15 + 10 years = 2034-03-15, kept until 24:00 that day (art. 642).
            ("2034-03-14", Status.VIOLATION, 2),  # 14 and 15 March not kept
            ("2034-03-15", Status.VIOLATION, 1),  # the anniversary itself: early
            ("2034-03-16", Status.COMPLIANT, None),  # the day after: the period has expired
        ],
    )
    def test_a_purge_around_the_anniversary(self, purged, status, days_early):
        found = self.finding(closed(purged), paris_noon(date(2035, 1, 1)))
        assert (found.status, found.due, found.act_on) == (
            status, KEPT_UNTIL, date.fromisoformat(purged))  # fmt: skip
        assert found.details.get("days_early") == days_early
        assert found.days_late is None  # early, not late

    @pytest.mark.parametrize(
        ("purged", "status"),
        [
            # Closed Thu 29 Feb 2024: 2034 has no 29 February, so the month's last day,
            # 28 Feb 2034 (art. 641), kept until 24:00 that day (art. 642).
            ("2034-02-27", Status.VIOLATION),
            ("2034-02-28", Status.VIOLATION),
            ("2034-03-01", Status.COMPLIANT),
        ],
    )
    def test_29_february_ten_years_on_is_28_february(self, purged, status):
        found = self.finding(closed(purged, date(2024, 2, 29)), paris_noon(date(2035, 1, 1)))
        assert (found.status, found.due) == (status, date(2034, 2, 28))

    @pytest.mark.parametrize(
        ("as_of", "status", "days_left"),
        [
            (paris_noon(date(2034, 3, 15)), Status.PENDING, 0),  # the anniversary: still kept
            # 2034-03-15 24:00 in Paris is 2034-03-16T00:00+01:00: the period still runs,
            (end_of_day(date(2034, 3, 15)), Status.PENDING, 0),
            # and one second later it has expired: kept ten years, never purged.
            (datetime.fromisoformat("2034-03-16T00:00:01+01:00"), Status.COMPLIANT, None),
        ],
    )
    def test_not_purged_around_the_anniversary(self, as_of, status, days_left):
        found = self.finding(closed(), as_of)
        assert (found.status, found.due, found.days_left) == (status, KEPT_UNTIL, days_left)

    def test_a_purge_after_as_of_is_not_seen(self):
        found = self.finding(closed("2034-03-14"), paris_noon(date(2030, 1, 1)))
        assert (found.status, found.act_on) == (Status.PENDING, None)

    def test_a_closure_after_as_of_is_an_open_record(self):
        found = self.finding(closed(), paris_noon(date(2024, 3, 14)))
        assert (found.status, found.reason) == (Status.NOT_APPLICABLE, "record_open")

    def test_a_purge_without_a_closure(self):
        found = self.finding(dmp(purged_on="2030-01-01"), paris_noon(date(2030, 6, 1)))
        assert found.details["missing"] == "$.closed_on"

    def test_the_message_names_the_closure_and_how_early(self):
        found = self.finding(closed("2034-03-15"), paris_noon(date(2035, 1, 1)))
        assert "fermé le 2024-03-15" in found.message("fr")
        assert "closed on 2024-03-15" in found.message("en")
        assert "purgé 1 jour trop tôt" in found.message("fr")
        assert "purged 1 day early: to be kept through 2034-03-15" in found.message("en")
        assert "late" not in found.message("en")

    def test_explained_step_by_step(self):
        found = self.finding(closed("2034-03-15"), paris_noon(date(2035, 1, 1)))
        context = RETENTION_PACK.context(paris_noon(date(2035, 1, 1)))
        steps = [code for code, _ in RETENTION.explain(found, closed("2034-03-15"), context)]
        assert steps == ["explain.closed", "explain.years_after", "explain.kept_through"]


class TestAnAnniversaryOnAWeekend:
    """Whether art. 642's extension moves the end of the ten years: not by default
    (``retention-not-extended``), to the next working day under ``retention-extended``."""

    # Closed Mon 29 April 2024: the anniversary, Sat 29 April 2034, is followed by Sun 30
    # April and Mon 1 May (Fête du travail): the next working day is Tue 2 May 2034.
    CLOSED_ON = date(2024, 4, 29)
    AS_OF = paris_noon(date(2035, 1, 1))

    @pytest.mark.parametrize(
        ("purged", "default", "extended", "days_early"),
        [
            # (days early under the extension: from the purge to 2 May, both included)
            ("2034-04-29", Status.VIOLATION, Status.VIOLATION, 4),
            ("2034-04-30", Status.COMPLIANT, Status.VIOLATION, 3),  # the day after 29 April
            ("2034-05-02", Status.COMPLIANT, Status.VIOLATION, 1),  # the extended day itself
            ("2034-05-03", Status.COMPLIANT, Status.COMPLIANT, None),
        ],
    )
    def test_both_readings(self, purged, default, extended, days_early):
        record = closed(purged, self.CLOSED_ON)
        found = RETENTION.check(record, self.AS_OF)[0]
        other = RETENTION.check(record, self.AS_OF, readings=[RETENTION_EXTENDED])[0]
        assert (found.status, found.due) == (default, date(2034, 4, 29))
        assert (other.status, other.due) == (extended, date(2034, 5, 2))
        assert other.details.get("days_early") == days_early
        assert (found.interpretation, other.interpretation) == (
            "retention-not-extended", "retention-extended")  # fmt: skip
        assert CPC_642_EXTENSION not in found.citations
        assert CPC_642_EXTENSION in other.citations

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            # 2034-05-02 24:00 in Paris is 2034-05-03T00:00+02:00: still kept,
            (end_of_day(date(2034, 5, 2)), Status.PENDING),
            # one second later the extended period has expired.
            (datetime.fromisoformat("2034-05-03T00:00:01+02:00"), Status.COMPLIANT),
        ],
    )
    def test_the_extended_day_ends_at_24_00(self, as_of, status):
        record = closed(closed_on=self.CLOSED_ON)
        found = RETENTION.check(record, as_of, readings=[RETENTION_EXTENDED])[0]
        assert (found.status, found.due) == (status, date(2034, 5, 2))

    def test_explained(self):
        record = closed("2034-05-02", self.CLOSED_ON)
        report_lines = [
            code
            for code, _ in RETENTION.explain(
                RETENTION.check(record, self.AS_OF, readings=[RETENTION_EXTENDED])[0],
                record,
                RETENTION_PACK.context(self.AS_OF),
            )
        ]
        assert report_lines == [
            "explain.closed", "explain.years_after", "explain.extended_642",
            "explain.kept_through",
        ]  # fmt: skip
