"""EMERGENCY_ACCESS_OPPOSITION (R.1111-48): no emergency access while the holder opposes it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dme_rules import InvalidCaseError, Status
from dme_rules.jurisdictions.fr.rules.emergency_access_opposition import (
    EMERGENCY_ACCESS_OPPOSITION,
)

from ....common import CommonRuleTests
from ..records import dmp, paris_noon

AS_OF = paris_noon(date(2024, 12, 1))


def access(at: str, emergency: bool = True, access_id: str = "u1") -> dict[str, Any]:
    return {"access_id": access_id, "at": at, "professional_id": "P1", "emergency": emergency}


def opposed(
    *accesses: dict[str, Any], filed_on: str = "2024-02-12", withdrawn_on: str | None = None
) -> Any:
    """A record whose holder opposed emergency access on ``filed_on`` (withdrawn or not)."""
    opposition: dict[str, Any] = {"filed_on": filed_on}
    if withdrawn_on is not None:
        opposition["withdrawn_on"] = withdrawn_on
    return dmp(emergency_oppositions=[opposition], accesses=list(accesses))


class TestEmergencyAccessOpposition(CommonRuleTests):
    rule = EMERGENCY_ACCESS_OPPOSITION
    constant = "EMERGENCY_ACCESS_OPPOSITION"
    examples = {
        Status.COMPLIANT: (opposed(access("2024-02-12T22:00:00+01:00")), AS_OF),
        Status.VIOLATION: (opposed(access("2024-02-13T03:00:00+01:00")), AS_OF),
        Status.NOT_APPLICABLE: (dmp(accesses=[access("2024-02-13T03:00:00+01:00")]), AS_OF),
    }
    unreachable = {
        Status.PENDING: "an access is made or not: nothing waits",
        Status.INSUFFICIENT_DATA: "an opposition's filing date and an access's facts are required",
    }

    def subject_on(self, day: date):
        """A record whose latest emergency access is on ``day`` (its date chooses the version),
        under an opposition filed long before."""
        return opposed(access(f"{day.isoformat()}T12:00:00+01:00"), filed_on="2020-01-06")

    @pytest.mark.parametrize(
        ("at", "status"),
        [
            # Filed 12 Feb 2024: an access that day is not judged (the order is unknown),
            ("2024-02-12T23:59:00+01:00", Status.COMPLIANT),
            # one at 00:00 on 13 Feb in Paris is after it,
            ("2024-02-13T00:00:00+01:00", Status.VIOLATION),
            # and 23:30 UTC on 12 Feb is 00:30 on 13 Feb in Paris (CET, UTC+1): after it too.
            ("2024-02-12T23:30:00+00:00", Status.VIOLATION),
        ],
    )
    def test_around_the_filing_day(self, at, status):
        assert self.finding(opposed(access(at)), AS_OF).status == status

    @pytest.mark.parametrize(
        ("at", "status"),
        [
            ("2024-09-29T23:00:00+02:00", Status.VIOLATION),  # the day before the withdrawal
            ("2024-09-30T08:00:00+02:00", Status.COMPLIANT),  # its day: the order is unknown
            ("2024-10-01T08:00:00+02:00", Status.COMPLIANT),  # after it
        ],
    )
    def test_around_the_withdrawal_day(self, at, status):
        record = opposed(access(at), withdrawn_on="2024-09-30")
        assert self.finding(record, AS_OF).status == status

    def test_an_ordinary_access_is_not_judged(self):
        record = opposed(access("2024-03-01T10:00:00+01:00", emergency=False))
        found = self.finding(record, AS_OF)
        assert (found.status, found.details["accesses"]) == (Status.COMPLIANT, [])

    def test_an_access_after_as_of_is_not_seen(self):
        record = opposed(access("2024-12-01T18:00:00+01:00"))  # noon is AS_OF
        assert self.finding(record, AS_OF).status == Status.COMPLIANT

    def test_an_opposition_filed_after_as_of_is_not_seen(self):
        record = opposed(access("2024-03-01T10:00:00+01:00"), filed_on="2024-12-02")
        assert self.finding(record, AS_OF).reason == "no_emergency_opposition"

    def test_an_access_before_the_first_version_is_not_judged(self):
        record = opposed(
            access("2021-12-31T12:00:00+01:00"),
            access("2022-01-03T12:00:00+01:00", access_id="u2"),
            filed_on="2021-06-01",
        )
        found = self.finding(record, AS_OF)
        assert [a["access_id"] for a in found.details["accesses"]] == ["u2"]
        assert found.act_on == date(2022, 1, 3)

    def test_the_message_lists_the_accesses(self):
        found = self.finding(opposed(access("2024-02-13T03:00:00+01:00")), AS_OF)
        assert "accès en urgence malgré l'opposition du titulaire\u00a0: u1" in found.message("fr")
        assert "emergency access despite the holder's opposition: u1" in found.message("en")


def test_a_withdrawal_before_the_filing_is_refused():
    with pytest.raises(InvalidCaseError) as raised:
        opposed(filed_on="2024-02-12", withdrawn_on="2024-02-11")
    assert raised.value.path == "$.emergency_oppositions[0].withdrawn_on"
