"""What the two notice rules share: the notices an access calls for, found in the logs and
judged by the delay reading (FIRST_ACCESS_NOTICE, EMERGENCY_ACCESS_NOTICE)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dme_rules.engine.context import Context
from dme_rules.engine.findings import Finding
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.versions import RuleVersion
from dme_rules.jurisdictions.fr.counting import date_of
from dme_rules.jurisdictions.fr.parameters import NoticeDelay
from dme_rules.jurisdictions.fr.readings import ANY_TIME
from dme_rules.jurisdictions.fr.subjects.dmp_record import Access, DmpRecord

__all__ = ["NoticeRule", "Wanted"]

#: A notice an access calls for: its recipient, and what it may be about.
Wanted = tuple[str, frozenset[str]]


class NoticeRule(Rule[NoticeDelay, DmpRecord]):
    """A rule whose accesses each call for notices (:meth:`wanted`) at or after the access:
    within the version's hours of elapsed time, inclusive (``within-24-hours``), or whenever
    (``any-time``: a missing notice is pending, never late). One finding per record, the worst
    of its accesses; ``details["accesses"]`` gives each judged access, its due instant, the
    notices found and its status. A notice dated before its access, or after ``as_of``, does
    not count; an access after ``as_of`` is not seen; an access is judged by the version in
    force on its date in Paris; two accesses at one instant are ordered by their ids."""

    subject = DmpRecord
    #: The reason of a record without an access to judge.
    nothing_to_judge = "no_access"

    def reference_date(self, record: DmpRecord) -> date:
        """The latest access's date in Paris (the record's latest date without accesses)."""
        return max((date_of(a.at) for a in record.accesses or ()), default=record.reference_date)

    def accesses(
        self, seen: list[Access], version: RuleVersion[NoticeDelay], context: Context
    ) -> list[Access]:
        """The accesses to judge among those seen by ``as_of``, sorted by time (all of them by
        default); ``version`` is the version applied (its readings may choose them)."""
        return seen

    def wanted(self, access: Access) -> list[Wanted]:
        """The notices ``access`` calls for."""
        raise NotImplementedError  # pragma: no cover

    def judge_notices(
        self, version: RuleVersion[NoticeDelay], record: DmpRecord, context: Context
    ) -> Finding:
        as_of = context.as_of
        # Two accesses at one instant come in the order of their ids (as in the SQL audit).
        seen = sorted(
            (a for a in record.accesses or () if context.sees(a.at)),
            key=lambda a: (a.at, a.access_id),
        )
        judged = [
            access
            for access in self.accesses(seen, version, context)
            if self.version_at(date_of(access.at)) is not None
        ]
        if not judged:
            return self.outcome(
                version, Status.NOT_APPLICABLE, details={"reason": self.nothing_to_judge}
            )
        any_time = version.choice("notice-delay", context.readings) == ANY_TIME
        delay = timedelta(hours=version.parameters.hours)
        notices = [n for n in record.notifications or () if context.sees(n.at)]
        entries: list[dict[str, Any]] = []
        for access in judged:
            due = None if any_time else access.at + delay
            found: dict[str, str | None] = {}
            statuses = []
            for recipient, about in self.wanted(access):
                times = [
                    n.at for n in notices
                    if n.recipient == recipient and n.about in about
                    and n.access_id == access.access_id and n.at >= access.at
                ]  # fmt: skip
                first = min(times, default=None)
                found[recipient] = first.isoformat() if first is not None else None
                if first is not None and (due is None or first <= due):
                    statuses.append(Status.COMPLIANT)
                elif first is None and (due is None or as_of <= due):
                    statuses.append(Status.PENDING)
                else:
                    statuses.append(Status.VIOLATION)
            entries.append({
                "access_id": access.access_id, "professional_id": access.professional_id,
                "at": access.at, "due": due, "notices": found,
                "status": Status.worst(statuses).value,
            })  # fmt: skip
        status = Status.worst(Status(entry["status"]) for entry in entries)
        open_ = [e for e in entries if e["status"] != Status.COMPLIANT.value]
        return self.outcome(
            version,
            status,
            due=open_[0]["due"] if open_ else None,
            details={"accesses": entries},
        )

    def explain(self, finding: Finding, record: DmpRecord, context: Context) -> list[Note]:
        """Each judged access and the instant its notices are due by."""
        return [
            ("explain.access_due", {"id": e["access_id"], "at": e["at"], "due": e["due"]})
            if e["due"] is not None
            else ("explain.access_any_time", {"id": e["access_id"], "at": e["at"]})
            for e in finding.details.get("accesses") or ()
        ]

    def notes(self, finding: Finding) -> list[Note]:
        """The accesses whose notices are missing or late, by id."""
        entries = finding.details.get("accesses") or []
        late = [e["access_id"] for e in entries if e["status"] == Status.VIOLATION.value]
        waiting = [e["access_id"] for e in entries if e["status"] == Status.PENDING.value]
        notes = []
        if late:
            notes.append(self.note("late", ids=late))
        if waiting:
            notes.append(self.note("waiting", ids=waiting))
        if not late and not waiting and entries:
            notes.append(self.note("notified", count=len(entries)))
        return notes
