"""FIRST_ACCESS_NOTICE (DMP FAQ) and EMERGENCY_ACCESS_NOTICE (R.1111-48): the notices an
access calls for, within 24 hours of elapsed time (inclusive) or at any time."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from dme_rules import Status
from dme_rules.jurisdictions.fr.readings import ANY_TIME, FIRST_EVER
from dme_rules.jurisdictions.fr.rules.emergency_access_notice import EMERGENCY_ACCESS_NOTICE
from dme_rules.jurisdictions.fr.rules.first_access_notice import FIRST_ACCESS_NOTICE

from ....common import CommonRuleTests
from ..records import dmp

ACCESS = "2024-05-03T09:00:00+02:00"  # Fri 3 May 2024, 09:00 in Paris (CEST)
DUE = "2024-05-04T09:00:00+02:00"  # + 24 hours


def access(at: str = ACCESS, who: str = "P2", access_id: str = "a1", emergency: bool = False):
    return {"access_id": access_id, "at": at, "professional_id": who, "emergency": emergency}


def notice(at: str, recipient: str = "holder", about: str = "first_access",
           access_id: str | None = "a1") -> dict[str, Any]:  # fmt: skip
    found = {"at": at, "recipient": recipient, "about": about}
    if access_id is not None:
        found["access_id"] = access_id
    return found


def record(accesses: list[dict[str, Any]], notices: list[dict[str, Any]] = ()):  # type: ignore[assignment]
    return dmp(authorized_on="2022-03-01", accesses=accesses, notifications=list(notices))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


class TestFirstAccessNotice(CommonRuleTests):
    rule = FIRST_ACCESS_NOTICE
    constant = "FIRST_ACCESS_NOTICE"
    examples = {
        Status.COMPLIANT: (record([access()], [notice("2024-05-03T09:00:05+02:00")]), at(DUE)),
        Status.VIOLATION: (record([access()]), at("2024-05-04T09:00:01+02:00")),
        Status.PENDING: (record([access()]), at(DUE)),
        Status.NOT_APPLICABLE: (dmp(authorized_on="2022-03-01"), at(DUE)),
    }
    unreachable = {Status.INSUFFICIENT_DATA: "an access's facts are all required"}

    def subject_on(self, day: date):
        """A record whose only access is on ``day``."""
        return record([access(f"{day.isoformat()}T12:00:00+01:00")])

    @pytest.mark.parametrize(
        ("sent", "status"),
        [
            ("2024-05-04T09:00:00+02:00", Status.COMPLIANT),  # exactly 24 hours: inclusive
            ("2024-05-04T09:00:01+02:00", Status.VIOLATION),  # one second late
            ("2024-05-03T08:59:59+02:00", Status.VIOLATION),  # before the access: not counted
        ],
    )
    def test_24_hours_inclusive(self, sent, status):
        found = self.finding(record([access()], [notice(sent)]), at("2024-05-05T00:00:00+02:00"))
        assert found.status == status

    def test_pending_until_the_24th_hour(self):
        # At 09:00 on 4 May, the 24 hours are not over: a notice may still come.
        early = record([access()], [notice("2024-05-03T08:59:59+02:00")])
        assert self.finding(early, at(DUE)).status == Status.PENDING

    def test_a_missing_notice_is_late_once_24_hours_have_passed(self):
        found = self.finding(record([access()]), at("2024-05-04T09:00:01+02:00"))
        assert (found.status, found.due) == (Status.VIOLATION, at(DUE))
        assert found.details["accesses"][0]["notices"] == {"holder": None}

    def test_24_hours_across_the_spring_change(self):
        # Sat 30 March 2024 09:00 CET (08:00 UTC) + 24 h = Sun 31 March 08:00 UTC, which the
        # clocks in Paris, gone forward at 02:00, show as 10:00 CEST.
        early = "2024-03-30T09:00:00+01:00"
        sent_in_time = record([access(early)], [notice("2024-03-31T10:00:00+02:00")])
        sent_late = record([access(early)], [notice("2024-03-31T10:00:01+02:00")])
        assert (
            self.finding(sent_in_time, at("2024-04-02T00:00:00+02:00")).status == Status.COMPLIANT
        )
        assert self.finding(sent_late, at("2024-04-02T00:00:00+02:00")).status == Status.VIOLATION

    def test_any_time(self):
        late = record([access()], [notice("2024-05-10T09:00:00+02:00")])
        missing = record([access()])
        later = at("2024-06-01T12:00:00+02:00")
        assert self.finding(late, later, readings=[ANY_TIME]).status == Status.COMPLIANT
        found = self.finding(missing, later, readings=[ANY_TIME])
        assert (found.status, found.due) == (Status.PENDING, None)  # never late

    def test_first_per_professional_or_first_ever(self):
        accesses = [access(), access("2024-05-03T10:00:00+02:00", "P3", "a2"),
                    access("2024-05-03T11:00:00+02:00", "P2", "a3")]  # fmt: skip
        notices = [notice("2024-05-03T09:00:05+02:00")]  # a1 only
        later = at("2024-06-01T12:00:00+02:00")
        per_professional = self.finding(record(accesses, notices), later)
        ever = self.finding(record(accesses, notices), later, readings=[FIRST_EVER])
        # P2's first (a1) and P3's first (a2); a3 is P2's second.
        assert [e["access_id"] for e in per_professional.details["accesses"]] == ["a1", "a2"]
        assert per_professional.status == Status.VIOLATION  # a2 never notified
        assert [e["access_id"] for e in ever.details["accesses"]] == ["a1"]
        assert ever.status == Status.COMPLIANT
        assert ever.readings == ("first-ever", "within-24-hours")

    def test_an_emergency_access_is_an_access(self):
        sent = notice("2024-05-03T09:10:00+02:00", about="emergency_access")
        emergency = record([access(emergency=True)], [sent])
        assert self.finding(emergency, at(DUE)).status == Status.COMPLIANT

    def test_a_notice_to_the_medecin_traitant_is_not_the_holders(self):
        other = record([access()], [notice("2024-05-03T09:10:00+02:00", "medecin_traitant")])
        assert self.finding(other, at("2024-05-05T00:00:00+02:00")).status == Status.VIOLATION

    def test_an_access_after_as_of_is_not_seen(self):
        found = self.finding(record([access()]), at("2024-05-03T08:00:00+02:00"))
        assert (found.status, found.reason) == (Status.NOT_APPLICABLE, "no_access")

    def test_messages(self):
        found = self.finding(record([access()]), at("2024-05-05T00:00:00+02:00"))
        assert "accès a1" in found.message("fr")
        assert "access a1" in found.message("en")


class TestEmergencyAccessNotice(CommonRuleTests):
    rule = EMERGENCY_ACCESS_NOTICE
    constant = "EMERGENCY_ACCESS_NOTICE"
    BOTH = [
        notice("2024-05-03T09:30:00+02:00", "holder", "emergency_access"),
        notice("2024-05-03T09:31:00+02:00", "medecin_traitant", "emergency_access"),
    ]
    examples = {
        Status.COMPLIANT: (record([access(emergency=True)], BOTH), at(DUE)),
        Status.VIOLATION: (
            record([access(emergency=True)], BOTH[:1]),
            at("2024-05-05T00:00:00+02:00"),
        ),
        Status.PENDING: (record([access(emergency=True)], BOTH[:1]), at(DUE)),
        Status.NOT_APPLICABLE: (record([access()]), at(DUE)),
    }
    unreachable = {Status.INSUFFICIENT_DATA: "an access's facts are all required"}

    def subject_on(self, day: date):
        return record([access(f"{day.isoformat()}T12:00:00+01:00", emergency=True)])

    def test_both_recipients(self):
        found = self.finding(record([access(emergency=True)], self.BOTH), at(DUE))
        assert found.details["accesses"][0]["notices"] == {
            "holder": "2024-05-03T09:30:00+02:00",
            "medecin_traitant": "2024-05-03T09:31:00+02:00",
        }

    def test_a_first_access_notice_is_not_the_emergency_notice(self):
        notices = [notice("2024-05-03T09:30:00+02:00", "holder", "first_access"),
                   self.BOTH[1]]  # fmt: skip
        found = self.finding(
            record([access(emergency=True)], notices), at("2024-05-05T00:00:00+02:00")
        )
        assert found.status == Status.VIOLATION

    def test_an_ordinary_access_calls_for_nothing(self):
        found = self.finding(record([access()]), at(DUE))
        assert found.reason == "no_emergency_access"


@pytest.mark.parametrize("listed", [("b", "a"), ("a", "b")])
def test_a_tie_is_decided_by_the_ids_not_the_order_listed(listed):
    """Found in review: two accesses of one professional at one instant; the first access is
    the smaller id, whatever order the log lists them in (as in the SQL audit)."""
    accesses = [access(access_id=access_id) for access_id in listed]
    found = FIRST_ACCESS_NOTICE.check(
        record(accesses, [notice("2024-05-03T09:00:01+02:00", access_id="b")]),
        at("2024-05-05T00:00:00+02:00"),
    )[0]
    assert [e["access_id"] for e in found.details["accesses"]] == ["a"]
    assert found.status == Status.VIOLATION  # the notice was for b
