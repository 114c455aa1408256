"""FEEDING_OPPOSITION (R.1111-47): a deposit after an opposition that binds is a violation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dme_rules import Status
from dme_rules.jurisdictions.fr.readings import OPPOSITION_NEEDS_MOTIVE
from dme_rules.jurisdictions.fr.rules.feeding_opposition import FEEDING_OPPOSITION
from dme_rules.jurisdictions.fr.sources import FAQ_OPPOSITION

from ....common import CommonRuleTests
from ..records import dmp, paris_noon

AS_OF = paris_noon(date(2024, 12, 1))


def deposit(at: str, professional: str = "P1", deposit_id: str = "d1") -> dict[str, Any]:
    return {"deposit_id": deposit_id, "at": at, "professional_id": professional,
            "inaccessible": False}  # fmt: skip


def opposed(
    *deposits: dict[str, Any], motive: bool = True, professional: str | None = None,
    filed_on: str = "2024-01-10", authorized_on: str | None = "2022-03-01",
):  # fmt: skip
    fields: dict[str, Any] = {
        "oppositions": [{"filed_on": filed_on, "legitimate_motive": motive,
                         "professional_id": professional}],
        "deposits": list(deposits),
    }  # fmt: skip
    if authorized_on is not None:
        fields["authorized_on"] = authorized_on
    return dmp(**fields)


class TestFeedingOpposition(CommonRuleTests):
    rule = FEEDING_OPPOSITION
    constant = "FEEDING_OPPOSITION"
    examples = {
        Status.COMPLIANT: (opposed(deposit("2024-01-10T18:00:00+01:00")), AS_OF),
        Status.VIOLATION: (opposed(deposit("2024-01-11T08:00:00+01:00")), AS_OF),
        Status.NOT_APPLICABLE: (dmp(authorized_on="2022-03-01"), AS_OF),
        Status.INSUFFICIENT_DATA: (
            opposed(deposit("2024-01-11T08:00:00+01:00"), motive=False, authorized_on=None),
            AS_OF,
        ),
    }
    unreachable = {Status.PENDING: "a deposit is made or not: nothing waits"}

    def subject_on(self, day: date):
        """A record whose latest deposit is made on ``day`` (its date chooses the version)."""
        return dmp(deposits=[deposit(f"{day.isoformat()}T12:00:00+01:00")])

    def test_the_same_day_is_not_after(self):
        # Opposition filed 10 January; a deposit at 23:59 that day in Paris is not after it.
        found = self.finding(opposed(deposit("2024-01-10T23:59:00+01:00")), AS_OF)
        assert found.status == Status.COMPLIANT

    def test_the_day_after_in_paris(self):
        # 23:30 UTC on 10 January is 00:30 on 11 January in Paris: after the filing date.
        found = self.finding(opposed(deposit("2024-01-10T23:30:00+00:00")), AS_OF)
        assert found.status == Status.VIOLATION
        assert [d["deposit_id"] for d in found.details["deposits"]] == ["d1"]

    def test_an_opposition_without_a_legitimate_motive_binds_nothing(self):
        found = self.finding(opposed(deposit("2024-02-01T09:00:00+01:00"), motive=False), AS_OF)
        assert found.status == Status.COMPLIANT
        assert found.details["not_binding"] == ["2024-01-10"]
        assert "sans effet" in found.message("fr")

    def test_an_opposition_filed_before_the_authorization_binds(self):
        record = opposed(deposit("2024-02-01T09:00:00+01:00"), motive=False,
                         filed_on="2022-02-01", authorized_on="2022-03-01")  # fmt: skip
        assert self.finding(record, AS_OF).status == Status.VIOLATION

    @pytest.mark.parametrize(("professional", "status"), [
        (None, Status.VIOLATION), ("P1", Status.VIOLATION), ("P2", Status.COMPLIANT)])  # fmt: skip
    def test_whom_it_covers(self, professional, status):
        record = opposed(deposit("2024-02-01T09:00:00+01:00", "P1"), professional=professional)
        assert self.finding(record, AS_OF).status == status

    def test_a_deposit_after_as_of_is_not_seen(self):
        record = opposed(deposit("2024-12-02T09:00:00+01:00"))
        assert self.finding(record, AS_OF).status == Status.COMPLIANT

    def test_an_opposition_filed_after_as_of_is_not_seen(self):
        record = opposed(deposit("2024-02-01T09:00:00+01:00"), filed_on="2025-01-01")
        assert self.finding(record, AS_OF).reason == "no_opposition"

    def test_a_deposit_before_the_first_version_is_not_judged(self):
        record = opposed(deposit("2021-12-31T12:00:00+01:00"), deposit(
            "2022-01-03T12:00:00+01:00", deposit_id="d2"), filed_on="2021-06-01",
            authorized_on="2021-01-01")  # fmt: skip
        found = self.finding(record, AS_OF)
        assert [d["deposit_id"] for d in found.details["deposits"]] == ["d2"]

    def test_the_message_lists_the_deposits(self):
        found = self.finding(opposed(deposit("2024-01-11T08:00:00+01:00")), AS_OF)
        assert "1 versement malgré une opposition\u00a0: d1" in found.message("fr")
        assert "1 deposit despite an opposition: d1" in found.message("en")


class TestFoundInReview:
    def test_a_deposit_later_the_same_day_than_as_of_is_not_seen(self):
        # Opposition filed 31 May; a deposit at 18:00 on 1 June, evaluated at 12:00 that day.
        record = opposed(deposit("2024-06-01T18:00:00+02:00"), filed_on="2024-05-31")
        found = FEEDING_OPPOSITION.check(record, paris_noon(date(2024, 6, 1)))[0]
        assert found.status == Status.COMPLIANT

    def test_a_violation_is_not_hidden_by_an_opposition_of_unknown_effect(self):
        # A binds (legitimate motive, everyone); B has no motive and no authorization date to
        # compare, but covers only P9: P1's deposit after A is a violation either way.
        record = dmp(oppositions=[
            {"filed_on": "2024-01-10", "legitimate_motive": True},
            {"filed_on": "2024-02-01", "legitimate_motive": False, "professional_id": "P9"},
        ], deposits=[deposit("2024-03-10T10:00:00+01:00")])  # fmt: skip
        assert FEEDING_OPPOSITION.check(record, AS_OF)[0].status == Status.VIOLATION

    def test_an_opposition_of_unknown_effect_that_covers_nothing_deposited(self):
        record = dmp(oppositions=[
            {"filed_on": "2024-02-01", "legitimate_motive": False, "professional_id": "P9"},
        ], deposits=[deposit("2024-03-10T10:00:00+01:00")])  # fmt: skip
        assert FEEDING_OPPOSITION.check(record, AS_OF)[0].status == Status.COMPLIANT

    def test_an_opposition_alone_chooses_the_version(self):
        # No deposit: the opposition's date, not the authorization's, chooses the version.
        record = opposed(filed_on="2023-05-01", authorized_on="2021-03-01")
        found = FEEDING_OPPOSITION.check(record, AS_OF)[0]
        assert (found.status, found.rule_version) == (Status.COMPLIANT, "1")


class TestAnOppositionWithoutMotiveBeforeTheAuthorization:
    """The reading of an opposition without a legitimate motive filed before the holder
    authorized access: it binds (``opposition-before-authorization-binds``, the default,
    R.1111-47's « Une fois que le titulaire a autorisé ») or it needs a motive like any other
    (``opposition-needs-motive``, the FAQ)."""

    #: Access authorized on 1 March 2022; a deposit by P1 on 1 February 2024, after every
    #: filing date below.
    DEPOSIT = deposit("2024-02-01T09:00:00+01:00")

    @pytest.mark.parametrize(
        ("filed_on", "default", "needs_motive"),
        [
            # 28 Feb 2022, the day before the authorization: binds by default.
            ("2022-02-28", Status.VIOLATION, Status.COMPLIANT),
            # 1 Mar 2022, the authorization's day: taken as filed once it was authorized.
            ("2022-03-01", Status.COMPLIANT, Status.COMPLIANT),
            # 2 Mar 2022, after it: binds nothing under either reading.
            ("2022-03-02", Status.COMPLIANT, Status.COMPLIANT),
        ],
    )
    def test_both_readings_on_both_sides_of_the_authorization(
        self, filed_on, default, needs_motive
    ):
        record = opposed(self.DEPOSIT, motive=False, filed_on=filed_on)
        found = FEEDING_OPPOSITION.check(record, AS_OF)[0]
        other = FEEDING_OPPOSITION.check(record, AS_OF, readings=[OPPOSITION_NEEDS_MOTIVE])[0]
        assert (found.status, other.status) == (default, needs_motive)
        assert found.readings == ("opposition-before-authorization-binds",)
        assert other.readings == ("opposition-needs-motive",)
        assert other.details["not_binding"] == [filed_on]

    def test_with_a_legitimate_motive_it_binds_under_both(self):
        record = opposed(self.DEPOSIT, motive=True, filed_on="2022-02-28")
        for readings in ((), (OPPOSITION_NEEDS_MOTIVE,)):
            found = FEEDING_OPPOSITION.check(record, AS_OF, readings=readings)[0]
            assert found.status == Status.VIOLATION

    def test_an_unknown_authorization_matters_only_by_default(self):
        record = opposed(self.DEPOSIT, motive=False, authorized_on=None)
        found = FEEDING_OPPOSITION.check(record, AS_OF)[0]
        other = FEEDING_OPPOSITION.check(record, AS_OF, readings=["opposition-needs-motive"])[0]
        assert (found.status, found.details["missing"]) == (
            Status.INSUFFICIENT_DATA, "$.authorized_on")  # fmt: skip
        assert other.status == Status.COMPLIANT

    def test_the_faq_is_cited_where_its_reading_applies(self):
        record = opposed(self.DEPOSIT, motive=False, filed_on="2022-02-28")
        found = FEEDING_OPPOSITION.check(record, AS_OF)[0]
        other = FEEDING_OPPOSITION.check(record, AS_OF, readings=[OPPOSITION_NEEDS_MOTIVE])[0]
        assert FAQ_OPPOSITION not in found.citations
        assert FAQ_OPPOSITION in other.citations

    def test_the_message_under_each_reading(self):
        after = opposed(self.DEPOSIT, motive=False, filed_on="2022-03-02")
        found = FEEDING_OPPOSITION.check(after, AS_OF)[0]
        assert "formée le jour de l'autorisation ou après" in found.message("fr")
        other = FEEDING_OPPOSITION.check(after, AS_OF, readings=[OPPOSITION_NEEDS_MOTIVE])[0]
        assert "opposition without a legitimate motive, binds nothing (2022-03-02)" in (
            other.message("en")
        )
