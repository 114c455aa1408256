"""DEFERRED_DATA: a datum made inaccessible to the holder has two clocks (R.1111-53)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.counting import days_after, extended, months_after_event
from dme_rules.jurisdictions.fr.parameters import DeferredData
from dme_rules.jurisdictions.fr.parties import Party
from dme_rules.jurisdictions.fr.readings import CALENDAR_DAYS, NEXT_WORKING_DAY
from dme_rules.jurisdictions.fr.sources import (
    CPC_641_DAYS,
    CPC_641_MONTHS_YEARS,
    CPC_642_END,
    CPC_642_EXTENSION,
    MON_ESPACE_SANTE,
    R1111_53_ONE_MONTH,
    R1111_53_TWO_WEEKS,
)
from dme_rules.jurisdictions.fr.subjects.dmp_record import Deposit, DmpRecord

__all__ = ["DEFERRED_DATA", "DeferredDataRule"]


class DeferredDataRule(Rule[DeferredData, DmpRecord]):
    """For each deposit made inaccessible, two clocks from the deposit's date in Paris:

    - ``inform``: the holder is informed within two weeks (14 days, the deposit's day not
      counted, art. 641: ``holder_informed_on`` on or before day 14);
    - ``open``: the datum becomes accessible one month after the deposit (art. 641: the same
      day number, or the month's last day; ``made_accessible_on`` on or before it).

    An announcement consultation on or before a clock's last day ends that clock (compliant).
    A clock whose act is missing is pending until its last day has passed, then a violation;
    an act after its last day is a violation. Under ``calendar-days`` (the default) the last
    days are never extended; under ``next-working-day`` one that falls on a Saturday, a Sunday
    or a holiday of the evaluation's calendar moves to the next working day (art. 642). One
    finding per record, the worst of its deposits' clocks (``details["deposits"]``); a record
    without an inaccessible deposit is ``not_applicable`` (``no_deferred_data``). Each deposit
    is judged by the version in force on its date; acts after ``as_of`` are not seen.
    """

    subject = DmpRecord

    def reference_date(self, record: DmpRecord) -> date:
        """The latest inaccessible deposit's date (the record's latest date without one)."""
        return max(
            (d.deposited_on for d in record.deposits or () if d.inaccessible),
            default=record.reference_date,
        )

    def formula_2022_01(
        self, version: RuleVersion[DeferredData], record: DmpRecord, context: Context
    ) -> Finding:
        """From 2022-01-01: two weeks to inform the holder, a month to open the datum."""
        deposits = [  # made by ``as_of`` (its instant, not its date), under a version
            d for d in record.deposits or ()
            if d.inaccessible and d.at <= context.as_of and self.version_at(d.deposited_on)
        ]  # fmt: skip
        if not deposits:
            return self.outcome(
                version, Status.NOT_APPLICABLE, details={"reason": "no_deferred_data"}
            )
        reading = version.choice("deferred-extension", context.readings)
        extend = reading == NEXT_WORKING_DAY
        entries = [self._deposit(version, deposit, context, extend) for deposit in deposits]
        status = Status.worst(Status(entry["status"]) for entry in entries)
        open_dues = [
            entry[f"{clock}_by"]
            for entry in entries
            for clock in ("inform", "open")
            if entry[clock] != Status.COMPLIANT.value
        ]
        citations = (*version.citations, CPC_642_EXTENSION) if extend else version.citations
        return self.outcome(
            version,
            status,
            due=min(open_dues, default=None),
            reading=reading,
            citations=citations,
            details={"deposits": entries},
        )

    def _deposit(
        self, version: RuleVersion[DeferredData], deposit: Deposit, context: Context, extend: bool
    ) -> dict[str, Any]:
        today, day = context.today, deposit.deposited_on
        inform_by = days_after(day, version.parameters.inform_days)
        open_by = months_after_event(day, version.parameters.open_months)
        if extend:
            inform_by = extended(inform_by, context.calendar)
            open_by = extended(open_by, context.calendar)

        def seen(act: date | None) -> date | None:
            return act if act is not None and act <= today else None

        announced = seen(deposit.announcement_on)
        clocks = {}
        for clock, last_day, act in (
            ("inform", inform_by, seen(deposit.holder_informed_on)),
            ("open", open_by, seen(deposit.made_accessible_on)),
        ):
            if (announced is not None and announced <= last_day) or (
                act is not None and act <= last_day
            ):
                clocks[clock] = Status.COMPLIANT
            elif act is None and today <= last_day:
                clocks[clock] = Status.PENDING
            else:
                clocks[clock] = Status.VIOLATION
        return {
            "deposit_id": deposit.deposit_id,
            "deposited_on": day,
            "inform_by": inform_by,
            "open_by": open_by,
            "inform": clocks["inform"].value,
            "open": clocks["open"].value,
            "status": Status.worst(clocks.values()).value,
        }

    def explain(self, finding: Finding, record: DmpRecord, context: Context) -> list[Note]:
        """Each deposit's date in Paris, day 14 and one month on (art. 641), and the
        extension to a working day when the reading applies one (art. 642)."""
        version = self.version_named(finding.rule_version)
        if version is None:
            return []
        steps: list[Note] = []
        for entry in finding.details.get("deposits") or ():
            day = entry["deposited_on"]
            raw_inform = days_after(day, version.parameters.inform_days)
            raw_open = months_after_event(day, version.parameters.open_months)
            steps.append(("explain.deposit", {"id": entry["deposit_id"], "day": day}))
            steps.append(("explain.day_14", {"day": day, "until": raw_inform}))
            steps.append(("explain.one_month", {"day": day, "until": raw_open}))
            for raw, final in ((raw_inform, entry["inform_by"]), (raw_open, entry["open_by"])):
                if final != raw:
                    steps.append(("explain.extended_642", {"day": raw, "until": final}))
        return steps

    def notes(self, finding: Finding) -> list[Note]:
        """Each deposit whose clock is not compliant, with its two last days."""
        return [
            self.note(f"{clock}_{entry[clock]}", deposit_id=entry["deposit_id"],
                      last_day=entry[f"{clock}_by"])
            for entry in finding.details.get("deposits") or ()
            for clock in ("inform", "open")
            if entry[clock] != Status.COMPLIANT.value
        ]  # fmt: skip


DEFERRED_DATA = DeferredDataRule(
    id="fr.dmp.deferred-data",
    title_fr="Donnée rendue provisoirement inaccessible",
    title_en="Data made provisionally inaccessible",
    obligated_party=Party.PROFESSIONAL,
    position=50,
    reasons=("no_deferred_data",),
    versions=(
        RuleVersion(
            version="1",
            period=MON_ESPACE_SANTE,
            parameters=DeferredData(inform_days=14, open_months=1),
            citations=(
                R1111_53_TWO_WEEKS,
                R1111_53_ONE_MONTH,
                CPC_641_DAYS,
                CPC_641_MONTHS_YEARS,
                CPC_642_END,
            ),
            readings=(CALENDAR_DAYS,),
            alternatives=(NEXT_WORKING_DAY,),
            summary_en=(
                "A datum made inaccessible: the holder is informed within two weeks of the "
                "deposit, and the datum becomes accessible one month after it, unless an "
                "announcement consultation took place first."
            ),
            summary_fr=(
                "Donnée rendue inaccessible : le titulaire est informé dans un délai de deux "
                "semaines suivant le versement, et la donnée devient accessible un mois après "
                "celui-ci, sauf si une consultation d'annonce a eu lieu auparavant."
            ),
        ),
    ),
)
