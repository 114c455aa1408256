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
from typing import Any, Generic, TypeVar

import attrs

from dme_rules._validation import checked_date
from dme_rules.calendars import QUEBEC_CPC, BusinessCalendar
from dme_rules.case import MigrationCase
from dme_rules.counting import end_of_day, local_date, period_end
from dme_rules.errors import InvalidArgumentError, NotInForceError
from dme_rules.interpretations import Interpretation
from dme_rules.model import LANGUAGES, Context, Finding, RuleVersion, Status, check_language
from dme_rules.parameters import PeriodDays

__all__ = ["RequestPeriodRule", "Rule"]

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


def _money(amount: Decimal, lang: str) -> str:
    """``1 800,00 $`` in French, ``$1,800.00`` in English."""
    text = f"{amount:,.2f}"
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",") + " $"
    return f"${text}"


def _days(count: int, lang: str, business: bool = False) -> str:
    if lang == "fr":
        noun = "jour ouvrable" if business else "jour"
        plural = "jours ouvrables" if business else "jours"
    else:
        noun = "business day" if business else "day"
        plural = "business days" if business else "days"
    return f"{count} {noun if abs(count) == 1 else plural}"


def _when(value: date | datetime, lang: str) -> str:
    if isinstance(value, datetime):
        return (
            value.strftime("%Y-%m-%d %H:%M %z")
            if lang == "en"
            else value.strftime("%Y-%m-%d %H h %M %z")
        )
    return value.isoformat()


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
    ) -> Finding:
        """The rule's finding on ``case`` as it stood at the aware instant ``as_of``.

        Args:
            case: The migration case.
            as_of: The instant of the evaluation; acts dated after it are ignored.
            calendar: The business calendar for every count.
            readings: Alternative readings to use where the version allows them.
        """
        if not isinstance(case, MigrationCase):
            raise InvalidArgumentError(
                "case", "a MigrationCase", case, expected_fr="un MigrationCase"
            )
        (finding,) = self.findings(case, Context.at(as_of, calendar=calendar, readings=readings))
        return finding

    def findings(self, case: MigrationCase, context: Context) -> list[Finding]:
        """The rule's findings on ``case`` (one, for every rule but per-item ones)."""
        version = self.version_at(self.reference_date(case))
        if version is None:
            return [self.not_in_force(case)]
        return [self.assess(version, case, context)]

    def assess(self, version: RuleVersion[P], case: MigrationCase, context: Context) -> Finding:
        """The finding of one version on ``case``; each rule implements it."""
        raise NotImplementedError  # pragma: no cover

    # -- outcome builders -----------------------------------------------------------------

    def outcome(self, version: RuleVersion[P] | None, status: Status, **fields: Any) -> Finding:
        """A finding of this rule with ``status``; ``fields`` are Finding attributes."""
        if version is not None:
            fields.setdefault("citations", version.citations)
        return Finding(
            rule_id=self.id,
            rule_version=version.version if version is not None else None,
            status=status,
            obligated_party=fields.pop("obligated_party", self.obligated_party),
            rule=self,
            **fields,
        )

    def not_in_force(self, case: MigrationCase) -> Finding:
        """``not_applicable``: no version is in force on the case's reference date."""
        reference = self.reference_date(case)
        return self.outcome(
            None,
            Status.NOT_APPLICABLE,
            details={
                "reason": "not_in_force",
                "reference_date": reference,
                "in_force_from": self.versions[0].effective_from,
            },
        )

    def insufficient(self, version: RuleVersion[P], missing: str, **fields: Any) -> Finding:
        """``insufficient_data``: the case lacks ``missing`` (a JSON path such as
        ``$.extraction.fee``)."""
        details = dict(fields.pop("details", {}))
        details["missing"] = missing
        return self.outcome(version, Status.INSUFFICIENT_DATA, details=details, **fields)

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
        **fields: Any,
    ) -> Finding:
        """The SPEC §4 table for a date-deadline ending at 24:00 of ``due``.

        An act on or before ``due`` is compliant, after it a violation with the days late; no
        act is pending while ``as_of`` is at most 24:00 of ``due``, a violation (overdue)
        after. An act dated after ``as_of`` is ignored and ``details["ignored"]`` names it.
        """
        details = dict(details or {})
        calendar = context.calendar
        if act_on is not None and act_on > context.today:
            details["ignored"] = act_field
            act_on = None
        common: dict[str, Any] = {
            "due": due,
            "act_on": act_on,
            "interpretation": reading.id if reading is not None else None,
            "details": details,
            **fields,
        }
        if act_on is not None:
            if act_on <= due:
                return self.outcome(version, Status.COMPLIANT, **common)
            return self.outcome(
                version,
                Status.VIOLATION,
                days_late=(act_on - due).days,
                business_days_late=calendar.business_days_between(due, act_on),
                **common,
            )
        if context.today <= due or context.as_of <= end_of_day(due):
            return self.outcome(
                version,
                Status.PENDING,
                days_left=max((due - context.today).days, 0),
                business_days_left=max(calendar.business_days_between(context.today, due), 0),
                **common,
            )
        details["overdue"] = True
        return self.outcome(
            version,
            Status.VIOLATION,
            days_late=(context.today - due).days,
            business_days_late=calendar.business_days_between(due, context.today),
            **common,
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
        details = dict(details or {})
        if amount is None:
            return self.insufficient(version, amount_field, cap=cap, details=details)
        if amount <= cap:
            return self.outcome(version, Status.COMPLIANT, amount=amount, cap=cap, details=details)
        details["excess"] = amount - cap
        return self.outcome(version, Status.VIOLATION, amount=amount, cap=cap, details=details)

    # -- words ----------------------------------------------------------------------------

    def title(self, lang: str = "fr") -> str:
        """The rule's title in French (default) or English."""
        return (self.title_fr, self.title_en)[LANGUAGES.index(check_language(lang))]

    def describe(self, finding: Finding, lang: str) -> str:
        """One sentence for ``finding`` in ``lang``: title, status, dates, days, amounts."""
        fr = lang == "fr"
        parts = []
        if finding.due is not None:
            parts.append(f"{'échéance' if fr else 'due'} {_when(finding.due, lang)}")
        if finding.act_on is not None:
            parts.append(f"{'fait le' if fr else 'done on'} {_when(finding.act_on, lang)}")
        if finding.days_late is not None:
            late = _days(finding.days_late, lang)
            if finding.business_days_late is not None:
                late += f" ({_days(finding.business_days_late, lang, business=True)})"
            parts.append(f"{'en retard de' if fr else 'late by'} {late}")
        if finding.days_left is not None:
            left = _days(finding.days_left, lang)
            if finding.business_days_left is not None:
                left += f" ({_days(finding.business_days_left, lang, business=True)})"
            parts.append(f"{'reste' if fr else 'left:'} {left}")
        if finding.amount is not None:
            parts.append(f"{'montant' if fr else 'amount'} {_money(finding.amount, lang)}")
        if finding.cap is not None:
            parts.append(f"{'plafond' if fr else 'cap'} {_money(finding.cap, lang)}")
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

    Subclasses say which act (:meth:`act`) and may refine the finding (:meth:`refine`).
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
        if reading is None:
            reading = version.interpretation
            assert reading is not None, f"{self.id} {version.version} declares no reading"
        elif reading not in version.readings:
            allowed = ", ".join(r.id for r in version.readings)
            raise InvalidArgumentError(
                "reading", f"one of {allowed}", reading, expected_fr=f"une lecture parmi {allowed}"
            )
        return period_end(
            transmitted_at, version.parameters.days, reading=reading, calendar=calendar
        )

    def act(self, case: MigrationCase) -> date | None:
        """The date of the act that meets the deadline, if the case records it."""
        raise NotImplementedError  # pragma: no cover

    def assess(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Finding:
        reading = version.reading(context.readings)
        assert reading is not None, f"{self.id} {version.version} declares no reading"
        due = period_end(
            case.requested_on, version.parameters.days, reading=reading, calendar=context.calendar
        )
        finding = self.deadline(
            version,
            context,
            due=due,
            act_on=self.act(case),
            act_field=self.act_field,
            reading=reading,
        )
        return self.refine(finding, version, case, context)

    def refine(
        self,
        finding: Finding,
        version: RuleVersion[PeriodDays],
        case: MigrationCase,
        context: Context,
    ) -> Finding:
        """Adjust the deadline's finding with facts of the case; unchanged by default."""
        return finding
