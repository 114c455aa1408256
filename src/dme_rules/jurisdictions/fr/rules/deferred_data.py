"""DEFERRED_DATA: a datum made inaccessible to the holder has two clocks (R.1111-53)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.deadlines import deadline_state
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.counting import date_of, days_after, extended, months_after_event
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
from dme_rules.jurisdictions.fr.subjects.dmp_record import Deposit, DmpRecord, Notification

__all__ = ["DEFERRED_DATA", "DeferredDataRule"]


class DeferredDataRule(Rule[DeferredData, DmpRecord]):
    """For each deposit made inaccessible, two clocks from the deposit's date in Paris:

    - ``inform``: the holder is informed within two weeks (14 days, the deposit's day not
      counted, art. 641), « par tout moyen »: by the deposit's ``holder_informed_on`` or by a
      notification that counts, whichever is earlier. A notification counts when it is to the
      holder, about ``deferred_data``, names the deposit (``deposit_id``) and is at or after
      it; its date is its date in Paris. Every other notification about ``deferred_data`` or
      naming a deposit is listed in ``details["notifications_not_counted"]`` with the first
      condition it fails;
    - ``open``: the datum becomes accessible one month after the deposit (art. 641: the same
      day number, or the month's last day; ``made_accessible_on``).

    Each clock is a date deadline of the engine (:func:`~dme_rules.engine.deadlines.
    deadline_state`): it expires at 24:00 of its last day in Paris (art. 642, first
    paragraph), so an act on that day is on time and a missing act is pending until that
    instant, then a violation; an act after the last day is a violation. An announcement
    consultation ends both clocks: it counts as the act of each (on or before a clock's last
    day, that clock is compliant). Under ``calendar-days`` (the default) the last days are
    never extended; under ``next-working-day`` one that falls on a Saturday, a Sunday or a
    holiday of the evaluation's calendar moves to the next working day (art. 642, second
    paragraph, then cited). One finding per record, the worst of its deposits' clocks
    (``details["deposits"]``), due on the earliest last day of a clock not compliant; a
    record without an inaccessible deposit is ``not_applicable`` (``no_deferred_data``).
    Each deposit is judged by the version in force on its date; deposits and notifications
    after ``as_of`` (their instants), and acts dated after its date, are not seen.
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
            if d.inaccessible and context.sees(d.at) and self.version_at(d.deposited_on)
        ]  # fmt: skip
        if not deposits:
            return self.outcome(
                version, Status.NOT_APPLICABLE, details={"reason": "no_deferred_data"}
            )
        reading = version.choice("deferred-extension", context.readings)
        extend = reading == NEXT_WORKING_DAY
        notified, not_counted = _notices(record, deposits, context)
        entries = [
            self._deposit(version, deposit, notified.get(deposit.deposit_id), context, extend)
            for deposit in deposits
        ]
        status = Status.worst(Status(entry["status"]) for entry in entries)
        open_dues = [
            entry[f"{clock}_by"]
            for entry in entries
            for clock in ("inform", "open")
            if entry[clock] != Status.COMPLIANT.value
        ]
        details: dict[str, Any] = {"deposits": entries}
        if not_counted:
            details["notifications_not_counted"] = not_counted
        return self.outcome(
            version,
            status,
            due=min(open_dues, default=None),
            reading=reading,
            citations=(*version.citations, CPC_642_EXTENSION) if extend else None,
            details=details,
        )

    def _deposit(
        self,
        version: RuleVersion[DeferredData],
        deposit: Deposit,
        notified_at: datetime | None,
        context: Context,
        extend: bool,
    ) -> dict[str, Any]:
        """One deposit's two clocks, each judged as a date deadline of the engine."""
        day = deposit.deposited_on
        inform_by = days_after(day, version.parameters.inform_days)
        open_by = months_after_event(day, version.parameters.open_months)
        if extend:
            inform_by = extended(inform_by, context.calendar)
            open_by = extended(open_by, context.calendar)
        # « informé par tout moyen »: the earlier of the recorded date and the first
        # notification that counts (seen by ``as_of``, so its date is never ignored).
        informed = _earliest(
            deposit.holder_informed_on, date_of(notified_at) if notified_at else None
        )
        announced = deposit.announcement_on
        inform = deadline_state(inform_by, _earliest(announced, informed), context)
        open_ = deadline_state(open_by, _earliest(announced, deposit.made_accessible_on), context)
        seen_informed = informed if informed is not None and informed <= context.today else None
        return {
            "deposit_id": deposit.deposit_id,
            "deposited_on": day,
            "inform_by": inform_by,
            "open_by": open_by,
            "inform": inform.status.value,
            "open": open_.status.value,
            "informed_on": seen_informed,
            "notified_at": notified_at,
            "status": Status.worst((inform.status, open_.status)).value,
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
        """Each deposit whose clock is not compliant, with its last day; then each
        notification not counted, with why."""
        notes = [
            self.note(f"{clock}_{entry[clock]}", deposit_id=entry["deposit_id"],
                      last_day=entry[f"{clock}_by"])
            for entry in finding.details.get("deposits") or ()
            for clock in ("inform", "open")
            if entry[clock] != Status.COMPLIANT.value
        ]  # fmt: skip
        notes += [
            self.note("not_counted", at=notice["at"], why=f"{self.id}.why.{notice['why']}")
            for notice in finding.details.get("notifications_not_counted") or ()
        ]
        return notes


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


def _earliest(*days: date | None) -> date | None:
    """The earliest of the days given, ``None`` when none is."""
    return min((day for day in days if day is not None), default=None)


def _notices(
    record: DmpRecord, deposits: list[Deposit], context: Context
) -> tuple[dict[str, datetime], list[dict[str, Any]]]:
    """The earliest notification that informs the holder of each deposit, by deposit id, and
    the notifications about ``deferred_data`` or naming a deposit that do not count, each
    with the first condition it fails (``why``). Notifications the context does not see
    (after ``as_of``) are not seen."""
    judged = {deposit.deposit_id: deposit for deposit in deposits}
    earliest: dict[str, datetime] = {}
    not_counted: list[dict[str, Any]] = []
    for notice in record.notifications or ():
        if not context.sees(notice.at) or (
            notice.about != "deferred_data" and notice.deposit_id is None
        ):
            continue
        informs = _informs(notice, judged)
        if isinstance(informs, str):
            not_counted.append({
                "at": notice.at, "recipient": notice.recipient, "about": notice.about,
                "deposit_id": notice.deposit_id, "why": informs,
            })  # fmt: skip
        elif informs.deposit_id not in earliest or notice.at < earliest[informs.deposit_id]:
            earliest[informs.deposit_id] = notice.at
    return earliest, not_counted


def _informs(notice: Notification, judged: dict[str, Deposit]) -> Deposit | str:
    """The judged deposit ``notice`` informs the holder of, or the first condition it fails:
    ``not_to_holder``, ``not_about_deferred_data``, ``no_deposit_named``,
    ``deposit_not_judged`` (it names no inaccessible deposit judged here) or
    ``before_deposit``."""
    if notice.recipient != "holder":
        return "not_to_holder"
    if notice.about != "deferred_data":
        return "not_about_deferred_data"
    if notice.deposit_id is None:
        return "no_deposit_named"
    deposit = judged.get(notice.deposit_id)
    if deposit is None:
        return "deposit_not_judged"
    if notice.at < deposit.at:
        return "before_deposit"
    return deposit
