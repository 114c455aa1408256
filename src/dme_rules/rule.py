"""The :class:`Rule` base class: versions, the check protocol and the outcome builders.

A rule is an immutable value with an id, bilingual titles, the party it binds and its ordered
legal versions. Each rule module subclasses :class:`Rule`, adds what a vendor can compute on
its own (``due(...)``, ``cap(...)``) and implements :meth:`Rule.assess` for one version. The
outcome builders (:meth:`Rule.deadline`, :meth:`Rule.within_cap`, :meth:`Rule.insufficient`)
hold the status semantics of SPEC §4, so that every rule applies them the same way.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Generic, NamedTuple, TypeVar

import attrs

from dme_rules._validation import checked_date
from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.case import MigrationCase
from dme_rules.counting import (
    OfficeSchedule,
    end_of_day,
    local_date,
    period_end,
    period_end_on,
)
from dme_rules.errors import InvalidArgumentError, NotInForceError
from dme_rules.interpretations import Interpretation
from dme_rules.model import (
    COMPLIANT,
    INSUFFICIENT_DATA,
    LANGUAGES,
    NO_DETAILS,
    NOT_APPLICABLE,
    PENDING,
    VIOLATION,
    Context,
    Finding,
    RuleVersion,
    Status,
    check_language,
)
from dme_rules.parameters import PeriodDays
from dme_rules.presentation import days_text, money_text, when_text
from dme_rules.sources import Citation

__all__ = ["DeadlineState", "RequestPeriodRule", "Rule", "deadline_state"]

#: Builds a named tuple (a finding, a deadline state) from all its values in order, in C: the
#: hot paths use it instead of the keyword constructor.
_new_tuple = tuple.__new__

P = TypeVar("P")


def _check_versions(
    instance: Rule[Any], attribute: object, versions: Sequence[RuleVersion[Any]]
) -> None:
    """Versions are non-empty, sorted, non-overlapping; only the last may be open-ended."""
    if not versions:
        raise InvalidArgumentError("versions", "at least one RuleVersion", versions)
    for earlier, later in itertools.pairwise(versions):
        if earlier.effective_to is None or earlier.effective_to >= later.effective_from:
            raise InvalidArgumentError(
                "versions",
                f"versions in order, each ending before the next starts ({instance.id})",
                (earlier.version, later.version),
                expected_fr=(
                    f"des versions en ordre, chacune finissant avant la suivante ({instance.id})"
                ),
            )


class DeadlineState(NamedTuple):
    """Where a date-deadline stands at an instant (SPEC §4)."""

    status: Status
    act_on: date | None
    days_late: int | None = None
    business_days_late: int | None = None
    days_left: int | None = None
    business_days_left: int | None = None
    ignored: bool = False
    overdue: bool = False


def deadline_state(due: date, act_on: date | None, context: Context) -> DeadlineState:
    """The SPEC §4 table for a deadline ending at 24:00 local time of ``due``.

    An act on or before ``due`` is compliant, after it a violation with the days late. With
    no act: pending while ``as_of`` is at most 24:00 of ``due`` (with the days left), then a
    violation (overdue, with the days overdue). An act dated after ``as_of``'s date is
    ignored: the case is seen as it stood at ``as_of``.
    """
    calendar = context.calendar
    ignored = act_on is not None and act_on > context.today
    if act_on is not None and not ignored:
        if act_on <= due:
            return _new_tuple(
                DeadlineState, (COMPLIANT, act_on, None, None, None, None, False, False)
            )
        return _new_tuple(
            DeadlineState,
            (
                VIOLATION,
                act_on,
                (act_on - due).days,
                calendar.business_days_between(due, act_on),
                None,
                None,
                False,
                False,
            ),
        )
    if context.today <= due or context.as_of <= end_of_day(due):
        return DeadlineState(
            PENDING,
            None,
            None,
            None,
            max((due - context.today).days, 0),
            max(calendar.business_days_between(context.today, due), 0),
            ignored,
        )
    return DeadlineState(
        VIOLATION,
        None,
        days_late=(context.today - due).days,
        business_days_late=calendar.business_days_between(due, context.today),
        ignored=ignored,
        overdue=True,
    )


@attrs.frozen
class Rule(Generic[P]):
    """A rule of the catalogue (SPEC §5).

    Attributes:
        id: The stable id (``qc.migration.extraction-deadline``).
        title_fr: The French title.
        title_en: The English title.
        obligated_party: Who the rule binds (a :class:`~dme_rules.model.Party` value, or two
            joined with ``+``).
        versions: The legal versions, in order, not overlapping.
        reasons: Texts (French, English) for the ``details["reason"]`` codes of its findings.
    """

    id: str
    title_fr: str
    title_en: str
    obligated_party: str
    versions: tuple[RuleVersion[P], ...] = attrs.field(validator=_check_versions)
    reasons: dict[str, tuple[str, str]] = attrs.field(factory=dict, eq=False, repr=False)
    _starts: tuple[date, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(v.effective_from for v in self.versions))

    @property
    def by_request(self) -> bool:
        """Whether the version follows the request's date (the default reference date) and
        the rule makes one finding by :meth:`assess`, as every migration rule does."""
        cls = type(self)
        return cls.reference_date is Rule.reference_date and cls.findings is Rule.findings

    # -- versions -------------------------------------------------------------------------

    def version_at(self, day: date) -> RuleVersion[P] | None:
        """The version in force on ``day``, or ``None`` (before the first, or in a gap)."""
        index = bisect.bisect_right(self._starts, day) - 1
        if index < 0:
            return None
        version = self.versions[index]
        return version if version.effective_to is None or day <= version.effective_to else None

    def version_for(self, day: date | None) -> RuleVersion[P]:
        """The version in force on ``day`` (the latest version when ``day`` is None).

        Raises:
            NotInForceError: No version is in force on ``day``.
        """
        if day is None:
            return self.versions[-1]
        version = self.version_at(checked_date(day, "day"))
        if version is None:
            raise NotInForceError(self.id, day, self.versions[0].effective_from)
        return version

    def reference_date(self, case: MigrationCase) -> date:
        """The date that selects the version: the request's transmission date by default."""
        return case.requested_on

    # -- checking -------------------------------------------------------------------------

    def check(
        self,
        case: MigrationCase,
        as_of: datetime,
        *,
        calendar: BusinessCalendar = QUEBEC_CPC,
        readings: Iterable[Interpretation] = (),
        schedule: OfficeSchedule | None = None,
    ) -> Finding:
        """The rule's finding on ``case`` as it stood at the aware instant ``as_of``.

        Args:
            case: The migration case.
            as_of: The instant of the evaluation; acts dated after it are ignored.
            calendar: The business calendar for every count.
            readings: Alternative readings to use where the version allows them.
            schedule: The opening hours for the ``office-hours`` reading.
        """
        if not isinstance(case, MigrationCase):
            raise InvalidArgumentError(
                "case", "a MigrationCase", case, expected_fr="un MigrationCase"
            )
        context = Context.at(as_of, calendar=calendar, readings=readings, schedule=schedule)
        (finding,) = self.findings(case, context)
        return finding

    def findings(self, case: MigrationCase, context: Context) -> list[Finding]:
        """The rule's findings on ``case`` (one, for every rule but per-item ones).

        The version is the one in force on :meth:`reference_date`; a rule with several
        findings per case (one per complaint) overrides this method.
        """
        version = self.version_at(self.reference_date(case))
        if version is None:
            return [self.not_in_force(case)]
        return [self.assess(version, case, context)]

    def assess(self, version: RuleVersion[P], case: MigrationCase, context: Context) -> Finding:
        """The finding of one version on ``case``; each rule implements it."""
        raise NotImplementedError  # pragma: no cover

    # -- outcome builders -----------------------------------------------------------------

    def outcome(
        self,
        version: RuleVersion[P] | None,
        status: Status,
        *,
        due: date | datetime | None = None,
        act_on: date | datetime | None = None,
        days_late: int | None = None,
        business_days_late: int | None = None,
        days_left: int | None = None,
        business_days_left: int | None = None,
        amount: Decimal | None = None,
        cap: Decimal | None = None,
        interpretation: Interpretation | None = None,
        citations: tuple[Citation, ...] | None = None,
        details: dict[str, Any] | None = None,
        obligated_party: str | None = None,
    ) -> Finding:
        """A finding of this rule with ``status``; the keywords are Finding attributes
        (``citations`` defaults to the version's, ``obligated_party`` to the rule's)."""
        return _new_tuple(
            Finding,
            (
                self.id,
                version.version if version is not None else None,
                status,
                obligated_party or self.obligated_party,
                due,
                act_on,
                days_late,
                business_days_late,
                days_left,
                business_days_left,
                amount,
                cap,
                interpretation.id if interpretation is not None else None,
                citations if citations is not None else (version.citations if version else ()),
                NO_DETAILS if details is None else details,
                self,
            ),
        )

    def not_in_force(self, case: MigrationCase) -> Finding:
        """``not_applicable``: no version is in force on the case's reference date."""
        reference = self.reference_date(case)
        return self.outcome(
            None,
            NOT_APPLICABLE,
            details={
                "reason": "not_in_force",
                "reference_date": reference,
                "in_force_from": self.versions[0].effective_from,
            },
        )

    def insufficient(self, version: RuleVersion[P], missing: str, **fields: Any) -> Finding:
        """``insufficient_data``: the case lacks ``missing`` (a JSON path such as
        ``$.extraction.fee``); ``fields`` are further :meth:`outcome` keywords."""
        details = dict(fields.pop("details", None) or {})
        details["missing"] = missing
        return self.outcome(version, INSUFFICIENT_DATA, details=details, **fields)

    def deadline(
        self,
        version: RuleVersion[P],
        context: Context,
        *,
        due: date,
        act_on: date | None,
        act_field: str,
        reading: Interpretation | None = None,
        details: dict[str, Any] | None = None,
        citations: tuple[Citation, ...] | None = None,
        state: DeadlineState | None = None,
        status: Status | None = None,
    ) -> Finding:
        """The finding of a date-deadline ending at 24:00 of ``due`` (SPEC §4, see
        :func:`deadline_state`).

        An act ignored as later than ``as_of`` is named in ``details["ignored"]``, an overdue
        deadline flagged ``details["overdue"]``. A rule that already computed the ``state``
        passes it; ``status`` overrides the table's verdict (the days are kept).
        """
        if state is None:
            state = deadline_state(due, act_on, context)
        if state.ignored or state.overdue:
            details = dict(details or ())
            if state.ignored:
                details["ignored"] = act_field
            if state.overdue:
                details["overdue"] = True
        # Built directly (not through outcome): one finding per deadline rule and case.
        return _new_tuple(
            Finding,
            (
                self.id,
                version.version,
                state.status if status is None else status,
                self.obligated_party,
                due,
                state.act_on,
                state.days_late,
                state.business_days_late,
                state.days_left,
                state.business_days_left,
                None,
                None,
                reading.id if reading is not None else None,
                version.citations if citations is None else citations,
                details or NO_DETAILS,
                self,
            ),
        )

    def within_cap(
        self,
        version: RuleVersion[P],
        *,
        amount: Decimal | None,
        cap: Decimal,
        amount_field: str,
        details: dict[str, Any] | None = None,
    ) -> Finding:
        """Compliant when ``amount <= cap`` (lower is allowed), a violation above it."""
        if amount is None:
            return self.insufficient(version, amount_field, cap=cap, details=details)
        status = COMPLIANT
        if amount > cap:
            details = dict(details or ())
            details["excess"] = amount - cap
            status = VIOLATION
        return _new_tuple(
            Finding,
            (
                self.id,
                version.version,
                status,
                self.obligated_party,
                None,
                None,
                None,
                None,
                None,
                None,
                amount,
                cap,
                None,
                version.citations,
                details or NO_DETAILS,
                self,
            ),
        )

    # -- words ----------------------------------------------------------------------------

    def title(self, lang: str = "fr") -> str:
        """The rule's title in French (default) or English."""
        return (self.title_fr, self.title_en)[LANGUAGES.index(check_language(lang))]

    def describe(self, finding: Finding, lang: str) -> str:
        """One sentence for ``finding`` in ``lang``: title, status, dates, days, amounts."""
        fr = lang == "fr"
        parts = []
        if finding.due is not None:
            parts.append(f"{'échéance' if fr else 'due'} {when_text(finding.due, zone=True)}")
        if finding.act_on is not None:
            parts.append(f"{'fait le' if fr else 'done on'} {when_text(finding.act_on, zone=True)}")
        if finding.days_late is not None:
            late = days_text(finding.days_late, lang)
            if finding.business_days_late is not None:
                late += f" ({days_text(finding.business_days_late, lang, business=True)})"
            parts.append(f"{'en retard de' if fr else 'late by'} {late}")
        if finding.days_left is not None:
            left = days_text(finding.days_left, lang)
            if finding.business_days_left is not None:
                left += f" ({days_text(finding.business_days_left, lang, business=True)})"
            parts.append(f"{'reste' if fr else 'left:'} {left}")
        if finding.amount is not None:
            parts.append(f"{'montant' if fr else 'amount'} {money_text(finding.amount, lang)}")
        if finding.cap is not None:
            parts.append(f"{'plafond' if fr else 'cap'} {money_text(finding.cap, lang)}")
        details = finding.details
        if "missing" in details:
            parts.append(f"{'donnée manquante' if fr else 'missing'}: {details['missing']}")
        reason = details.get("reason")
        if reason == "not_in_force":
            parts.append(
                f"en vigueur à partir du {details['in_force_from']}"
                if fr
                else f"in force from {details['in_force_from']}"
            )
        elif reason in self.reasons:
            parts.append(self.reasons[reason][0 if fr else 1])
        for extra in self.explain(finding, lang):
            parts.append(extra)
        head = (
            f"{self.title(lang)} : {finding.status.label(lang)}"
            if fr
            else (f"{self.title(lang)}: {finding.status.label(lang)}")
        )
        return head + (" — " + "; ".join(parts) if parts else "") + "."

    def explain(self, finding: Finding, lang: str) -> list[str]:
        """Rule-specific phrases for :meth:`describe`; none by default."""
        return []


class RequestPeriodRule(Rule[PeriodDays]):
    """A deadline of N days from the request, met by an act the case records.

    Subclasses say which act (:meth:`act`); one with more to say overrides :meth:`assess`
    and uses :meth:`period_due` and :meth:`Rule.deadline`.
    """

    #: The JSON path of the act that meets the deadline.
    act_field = ""

    def due(
        self,
        transmitted_at: datetime | date,
        *,
        calendar: BusinessCalendar = QUEBEC_CPC,
        reading: Interpretation | None = None,
    ) -> date:
        """The last day of the period for a request sent at ``transmitted_at``.

        Args:
            transmitted_at: The aware instant the request was sent (or its Montreal date).
            calendar: The business calendar.
            reading: A reading the version in force allows; its default otherwise.

        Raises:
            NotInForceError: The request predates the rule.
            InvalidArgumentError: The version does not allow ``reading``.
        """
        version = self.version_for(local_date(transmitted_at, "transmitted_at"))
        return period_end(
            transmitted_at,
            version.parameters.days,
            reading=version.allowed_reading(reading),
            calendar=calendar,
        )

    def act(self, case: MigrationCase) -> date | None:
        """The date of the act that meets the deadline, if the case records it."""
        raise NotImplementedError  # pragma: no cover

    def period_due(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> tuple[date, Interpretation]:
        """The end of the case's period under the chosen reading, and that reading."""
        reading = version.reading(context.readings)
        assert reading is not None, f"{self.id} {version.version} declares no reading"
        return (
            period_end_on(case.requested_on, version.parameters.days, reading, context.calendar),
            reading,
        )

    def assess(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Finding:
        due, reading = self.period_due(version, case, context)
        return self.deadline(
            version,
            context,
            due=due,
            act_on=self.act(case),
            act_field=self.act_field,
            reading=reading,
        )
