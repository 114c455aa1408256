"""DEFERRED_DATA (R.1111-53): two weeks to inform the holder, one month to open the datum,
unless an announcement consultation came first."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest

from dme_rules import Status
from dme_rules.cli import main
from dme_rules.jurisdictions.fr.calendars import FRANCE_ALSACE_MOSELLE
from dme_rules.jurisdictions.fr.counting import end_of_day
from dme_rules.jurisdictions.fr.readings import NEXT_WORKING_DAY
from dme_rules.jurisdictions.fr.rules.deferred_data import DEFERRED_DATA
from dme_rules.jurisdictions.fr.sources import CPC_642_END, CPC_642_EXTENSION

from ....common import CommonRuleTests
from ..records import dmp, paris_noon

# Thu 2 May 2024 at 10:00 in Paris: day 14 is Thu 16 May; one month on is Sun 2 June.
DEPOSIT = "2024-05-02T10:00:00+02:00"
LATER = paris_noon(date(2024, 7, 1))


def deferred(
    at: str = DEPOSIT, inaccessible: bool = True, notifications: tuple[dict[str, Any], ...] = (),
    **acts: str,
) -> Any:  # fmt: skip
    fields: dict[str, Any] = {"deposits": [{"deposit_id": "d1", "at": at, "professional_id": "P1",
                                            "inaccessible": inaccessible, **acts}]}  # fmt: skip
    if notifications:
        fields["notifications"] = list(notifications)
    return dmp(**fields)


def notice(at: str, recipient: str = "holder", about: str = "deferred_data",
           deposit_id: str | None = "d1") -> dict[str, Any]:  # fmt: skip
    """A notification of the record's host (naming the deposit d1 by default)."""
    return {"at": at, "recipient": recipient, "about": about, "deposit_id": deposit_id}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


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


class TestTheDeadlinesEndAt24Hours:
    """Art. 642: « Tout délai expire le dernier jour à vingt-quatre heures »."""

    def test_day_14_at_24_00_is_still_pending(self):
        # Deposit 2024-05-02T10:00+02:00: informed by 2024-05-02 + 14 days = 2024-05-16.
        # Evaluated at 2024-05-16 24:00 in Paris (2024-05-17T00:00+02:00): pending.
        found = DEFERRED_DATA.check(deferred(), end_of_day(date(2024, 5, 16)))[0]
        assert end_of_day(date(2024, 5, 16)) == at("2024-05-17T00:00:00+02:00")
        assert (found.status, found.due) == (Status.PENDING, date(2024, 5, 16))
        assert found.details["deposits"][0]["inform"] == "pending"

    def test_one_second_later_it_is_a_violation(self):
        # 2024-05-17T00:00:01+02:00 is past 24:00 of 2024-05-16: nothing informed, late.
        found = DEFERRED_DATA.check(deferred(), at("2024-05-17T00:00:01+02:00"))[0]
        assert (found.status, found.due) == (Status.VIOLATION, date(2024, 5, 16))
        assert found.details["deposits"][0]["inform"] == "violation"

    def test_the_command_line_date_is_the_end_of_that_day(self, tmp_path, capsys):
        """The review's record: ``--as-of 2024-05-16`` is 24:00 in Paris: pending, exit 0."""
        path = tmp_path / "R1.json"
        path.write_text(json.dumps({
            "subject": "fr.dmp.record", "record_id": "R1",
            "deposits": [{"deposit_id": "d1", "at": "2024-05-02T10:00:00+02:00",
                          "professional_id": "P1", "inaccessible": True}],
        }), encoding="utf-8")  # fmt: skip
        code = main(["check", str(path), "--as-of", "2024-05-16", "--format", "json"])
        findings = json.loads(capsys.readouterr().out)["findings"]
        (finding,) = [f for f in findings if f["rule_id"] == "fr.dmp.deferred-data"]
        assert code == 0
        assert (finding["status"], finding["due"]) == ("pending", "2024-05-16")

    @pytest.mark.parametrize(
        ("as_of", "status"),
        [
            # One month from 2024-05-02 is 2024-06-02 (art. 641, the same day number);
            # 2024-06-02 24:00 in Paris is 2024-06-03T00:00+02:00: still pending.
            ("2024-06-03T00:00:00+02:00", Status.PENDING),
            ("2024-06-03T00:00:01+02:00", Status.VIOLATION),
        ],
    )
    def test_the_month_at_24_00(self, as_of, status):
        record = deferred(holder_informed_on="2024-05-03")  # the first clock is compliant
        entry = DEFERRED_DATA.check(record, at(as_of))[0].details["deposits"][0]
        assert (entry["open_by"], entry["open"]) == (date(2024, 6, 2), status.value)

    def test_the_extended_day_ends_at_24_00_too(self):
        # Sat 4 May 2024 + 14 days = Sat 18 May, extended past Sun 19 and Whit Monday 20 to
        # Tue 21 May (art. 642): at 21 May 24:00 pending, one second later a violation.
        record = deferred("2024-05-04T10:00:00+02:00", made_accessible_on="2024-05-05")
        waiting, late = (
            DEFERRED_DATA.check(record, as_of, readings=[NEXT_WORKING_DAY])[0]
            for as_of in (end_of_day(date(2024, 5, 21)), at("2024-05-22T00:00:01+02:00"))
        )
        assert (waiting.status, waiting.due) == (Status.PENDING, date(2024, 5, 21))
        assert (late.status, late.due) == (Status.VIOLATION, date(2024, 5, 21))


class TestInformedByANotification:
    """R.1111-53: the holder is « informé par tout moyen »: the deposit's holder_informed_on
    or a notification to the holder about deferred_data naming the deposit, the earlier."""

    @pytest.mark.parametrize(
        ("sent", "status"),
        [
            # 2024-05-02 + 14 days = 2024-05-16: a notice at 23:59:59 that day is in time,
            ("2024-05-16T23:59:59+02:00", Status.COMPLIANT),
            # one at 00:00 on 17 May is a day late;
            ("2024-05-17T00:00:00+02:00", Status.VIOLATION),
            # 21:59 UTC on 16 May is 23:59 in Paris (CEST, UTC+2): in time;
            ("2024-05-16T21:59:00+00:00", Status.COMPLIANT),
            # 22:30 UTC on 16 May is 00:30 on 17 May in Paris: late.
            ("2024-05-16T22:30:00+00:00", Status.VIOLATION),
        ],
    )
    def test_a_notification_on_both_sides_of_day_14(self, sent, status):
        record = deferred(made_accessible_on="2024-05-20", notifications=(notice(sent),))
        found = DEFERRED_DATA.check(record, LATER)[0]
        entry = found.details["deposits"][0]
        assert (entry["inform_by"], entry["inform"]) == (date(2024, 5, 16), status.value)
        assert entry["notified_at"] == at(sent)
        assert "notifications_not_counted" not in found.details

    def test_a_notification_stamped_at_the_midnight_evaluated_at(self):
        """Evaluated at 24:00 on 10 May (00:00 on the 11th), a notification stamped 00:00 on
        the 11th is the 11th's, not yet seen: the holder is not informed (pending, nothing
        of it shown); a microsecond later it is seen, on the 11th (in time, day 14 being
        16 May)."""
        record = deferred(notifications=(notice("2024-05-11T00:00:00+02:00"),))
        before = DEFERRED_DATA.check(record, end_of_day(date(2024, 5, 10)))[0]
        entry = before.details["deposits"][0]
        assert (entry["inform"], entry["notified_at"], entry["informed_on"]) == (
            "pending", None, None,
        )  # fmt: skip
        after = DEFERRED_DATA.check(record, at("2024-05-11T00:00:00.000001+02:00"))[0]
        entry = after.details["deposits"][0]
        assert (entry["inform"], entry["informed_on"]) == ("compliant", date(2024, 5, 11))

    def test_the_earlier_of_the_date_and_the_notification(self):
        # holder_informed_on 20 May is after day 14 (16 May); the notification on 10 May is
        # in time, and earlier: it is the one that counts.
        record = deferred(holder_informed_on="2024-05-20", made_accessible_on="2024-05-20",
                          notifications=(notice("2024-05-10T08:00:00+02:00"),))  # fmt: skip
        found = DEFERRED_DATA.check(record, LATER)[0]
        entry = found.details["deposits"][0]
        assert (found.status, entry["informed_on"]) == (Status.COMPLIANT, date(2024, 5, 10))

    def test_the_recorded_date_when_it_is_earlier(self):
        # holder_informed_on 16 May (day 14) comes before the notification of 17 May.
        record = deferred(holder_informed_on="2024-05-16", made_accessible_on="2024-05-20",
                          notifications=(notice("2024-05-17T09:00:00+02:00"),))  # fmt: skip
        entry = DEFERRED_DATA.check(record, LATER)[0].details["deposits"][0]
        assert (entry["inform"], entry["informed_on"]) == ("compliant", date(2024, 5, 16))

    @pytest.mark.parametrize(
        ("sent", "why"),
        [
            (notice("2024-05-03T09:00:00+02:00", recipient="medecin_traitant"), "not_to_holder"),
            (notice("2024-05-03T09:00:00+02:00", about="first_access"),
             "not_about_deferred_data"),
            (notice("2024-05-03T09:00:00+02:00", deposit_id=None), "no_deposit_named"),
            (notice("2024-05-03T09:00:00+02:00", deposit_id="d9"), "deposit_not_judged"),
            # One second before the deposit at 10:00:00.
            (notice("2024-05-02T09:59:59+02:00"), "before_deposit"),
        ],
    )  # fmt: skip
    def test_a_notification_that_does_not_count(self, sent, why):
        record = deferred(made_accessible_on="2024-05-20", notifications=(sent,))
        found = DEFERRED_DATA.check(record, LATER)[0]
        # Nothing else informed the holder by 2024-05-02 + 14 days = 2024-05-16: late.
        assert (found.status, found.details["deposits"][0]["notified_at"]) == (
            Status.VIOLATION, None)  # fmt: skip
        (listed,) = found.details["notifications_not_counted"]
        assert (listed["at"], listed["why"]) == (at(sent["at"]), why)

    def test_a_notification_at_the_deposits_instant_counts(self):
        record = deferred(made_accessible_on="2024-05-20",
                          notifications=(notice(DEPOSIT),))  # fmt: skip
        found = DEFERRED_DATA.check(record, LATER)[0]
        assert (found.status, found.details["deposits"][0]["notified_at"]) == (
            Status.COMPLIANT, at(DEPOSIT))  # fmt: skip

    def test_a_notification_about_another_subject_naming_no_deposit_is_not_listed(self):
        record = deferred(
            made_accessible_on="2024-05-20",
            notifications=(
                notice("2024-05-03T09:00:00+02:00", about="first_access", deposit_id=None),
            ),
        )
        assert "notifications_not_counted" not in DEFERRED_DATA.check(record, LATER)[0].details

    def test_a_notification_after_as_of_is_not_seen(self):
        # Evaluated at noon on 10 May: the notice of 12 May has not been sent yet.
        record = deferred(notifications=(notice("2024-05-12T09:00:00+02:00"),))
        found = DEFERRED_DATA.check(record, paris_noon(date(2024, 5, 10)))[0]
        entry = found.details["deposits"][0]
        assert (entry["inform"], entry["notified_at"]) == ("pending", None)

    def test_the_message_says_why_a_notification_does_not_count(self):
        sent = notice("2024-05-03T09:00:00+02:00", recipient="medecin_traitant")
        found = DEFERRED_DATA.check(deferred(notifications=(sent,)), LATER)[0]
        assert ("notification du 2024-05-03 09:00 (UTC+2) non comptée\u00a0: elle n'est pas "
                "adressée au titulaire") in found.message("fr")  # fmt: skip
        assert ("notification of 2024-05-03 09:00 (CEST) not counted: it is not to the "
                "holder") in found.message("en")  # fmt: skip


class TestCitations:
    def test_art_642_extension_cited_only_under_the_reading_that_applies_it(self):
        record = deferred(holder_informed_on="2024-05-03", made_accessible_on="2024-05-20")
        default = DEFERRED_DATA.check(record, LATER)[0]
        extended = DEFERRED_DATA.check(record, LATER, readings=[NEXT_WORKING_DAY])[0]
        assert CPC_642_END in default.citations  # 24:00 of the last day, in both
        assert CPC_642_EXTENSION not in default.citations
        assert CPC_642_EXTENSION in extended.citations
