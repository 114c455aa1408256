"""What the extraction and import deadlines share: N days from the request, by the
reading in force."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, NamedTuple

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.citations import Citation
from dme_rules.engine.context import Context
from dme_rules.engine.deadlines import DeadlineState, deadline_state
from dme_rules.engine.findings import Finding
from dme_rules.engine.readings import Reading
from dme_rules.engine.rule import Note, Rule
from dme_rules.engine.status import Status
from dme_rules.engine.time import local_date
from dme_rules.engine.versions import RuleVersion
from dme_rules.errors import InvalidArgumentError
from dme_rules.jurisdictions.qc.calendars import QUEBEC_CPC
from dme_rules.jurisdictions.qc.counting import MONTREAL, period_end_on, period_steps
from dme_rules.jurisdictions.qc.directory import Solution
from dme_rules.jurisdictions.qc.parameters import PeriodDays
from dme_rules.jurisdictions.qc.readings import (
    CIVIL_PROCEDURE,
    FORM_STARTS_PROCESS,
    INTERPRETATION_ACT,
    NEXT_BUSINESS_DAY,
    PROCEDURE_2024,
    SCOPE_PRESUMED_STANDARD,
    SCOPE_REQUIRED,
    TRANSMISSION_STARTS_PROCESS,
)
from dme_rules.jurisdictions.qc.sources import (
    PROCEDURE_CLINIC_AUTHORIZATION,
    PROCEDURE_FORM,
    PROCEDURE_NON_STANDARD_SCOPE,
)
from dme_rules.jurisdictions.qc.subjects.migration_case import MigrationCase

__all__ = [
    "AVENANT_ALTERNATIVES",
    "AVENANT_READINGS",
    "PROCEDURE_ALTERNATIVES",
    "PROCEDURE_READINGS",
    "RequestPeriodRule",
    "Shift",
    "Terms",
]

#: The readings a request period applies under the 2021 notice alone (no start convention
#: published), and those a caller may choose instead.
AVENANT_READINGS = (CIVIL_PROCEDURE, NEXT_BUSINESS_DAY)
AVENANT_ALTERNATIVES = (PROCEDURE_2024, INTERPRETATION_ACT)
#: The readings a request period applies under the 2024 procedure, and their alternatives.
PROCEDURE_READINGS = (
    PROCEDURE_2024,
    NEXT_BUSINESS_DAY,
    SCOPE_PRESUMED_STANDARD,
    FORM_STARTS_PROCESS,
)
PROCEDURE_ALTERNATIVES = (
    CIVIL_PROCEDURE,
    INTERPRETATION_ACT,
    SCOPE_REQUIRED,
    TRANSMISSION_STARTS_PROCESS,
)


class Shift(NamedTuple):
    """How a lawful shift moves a request period's due date (the import's clinic delay).

    Attributes:
        due: The due date once moved (the period's end when nothing moves it).
        latest: The latest the due date could be while a fact is unknown (``due`` otherwise).
        unknown: The reason code and the JSON path of that fact, or ``None``.
        details: What the finding reports about the shift.
        citations: The passages the shift rests on.
    """

    due: date
    latest: date
    unknown: tuple[str, str] | None = None
    details: Mapping[str, Any] = {}
    citations: tuple[Citation, ...] = ()


class Terms(NamedTuple):
    """What a request period binds one case to under an evaluation's readings: its due date,
    and whether it binds at all (the conditions of the version in force).

    Attributes:
        reading: The reading that counted the period (``None`` when its clock has not
            started).
        due: The due date, moved by a known shift; ``None`` when the clock has not started.
        latest: The latest the due date could be while a fact is unknown (``due`` when none
            is; ``None`` when, that fact unknown, the deadline may not bind at all).
        unknown: The reason code and the JSON path of that fact, or ``None``.
        reason: Why the deadline does not bind the vendor (``process_not_started``,
            ``not_sent_to_party``, ``non_standard_scope``), or ``None`` when it does.
        details: What the finding reports about the due date (the clinic's delay).
        citations: The passages the finding cites.
    """

    reading: Reading | None
    due: date | None
    latest: date | None
    unknown: tuple[str, str] | None
    reason: str | None
    details: Mapping[str, Any]
    citations: tuple[Citation, ...]

    @property
    def binds(self) -> bool:
        """Whether the deadline binds the vendor (its clock runs, for a standard scope)."""
        return self.reason is None


class RequestPeriodRule(Rule[PeriodDays, MigrationCase]):
    """A deadline of N days from the request, met by an act the case records.

    - Version 1 (the 2021 notice): the act is done by the period's end; no other condition.
    - Version 2 (the 2024 procedure): the process starts only with a signed, authorized form
      that reached the vendor (reading ``form-starts-process``: otherwise ``not_applicable``,
      reason ``process_not_started`` or ``not_sent_to_party``); a non-standard scope makes
      the deadline ``not_applicable`` (reason ``non_standard_scope``), still reporting the
      statutory date; under ``scope-required`` a late act with an unknown scope is
      ``insufficient_data`` naming ``$.standard_scope``.

    What a version binds a case to is its :class:`Terms` (a dated piece per version,
    ``terms_YYYY_MM``), computed once per case and evaluation: the confirmation and the
    calendar rules follow them too. A late act whose lateness turns on an unknown fact (the
    scope, a clinic delay without its submission date) is ``insufficient_data`` naming it.

    Subclasses say which act (:meth:`act`, :attr:`act_field`) and whose (:meth:`vendor`);
    one whose due date can move says how in :meth:`shift`.
    """

    subject = MigrationCase

    #: The JSON path of the act that meets the deadline.
    act_field = ""

    def due(
        self,
        transmitted_at: datetime | date,
        *,
        calendar: BusinessCalendar | None = None,
        reading: Reading | None = None,
        readings: Iterable[Reading] = (),
    ) -> date:
        """The last day of the period for a request sent at ``transmitted_at``.

        Args:
            transmitted_at: The aware instant the request was sent (or its Montreal date).
            calendar: The business calendar (a clinic's closures); by default the one the
                reading of business days selects (``court-calendar``: ``QUEBEC_CPC``).
            reading: A period reading the version in force allows; its default otherwise.
            readings: Other readings the version allows (``interpretation-act``,
                ``labour-standards-calendar``).

        Raises:
            NotInForceError: The request predates the rule.
            InvalidArgumentError: The version does not allow a reading.
        """
        requested_on = local_date(transmitted_at, "transmitted_at", MONTREAL)
        version = self.version_for(requested_on)
        if isinstance(readings, (str, Reading)) or not isinstance(readings, Iterable):
            raise InvalidArgumentError(
                "readings", "an iterable of Reading values", readings,
                expected_fr="un itérable de Reading",
            )  # fmt: skip
        chosen = version.check_choice(reading, *readings)
        if calendar is None:
            calendar = self.calendar_of(version, chosen)
        if not isinstance(calendar, BusinessCalendar):
            raise InvalidArgumentError(
                "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
            )
        return period_end_on(
            requested_on,
            version.parameters.days,
            version.choice("period-start", chosen),
            calendar,
            version.choice("period-end", chosen),
        )

    @staticmethod
    def calendar_of(
        version: RuleVersion[PeriodDays], chosen: Iterable[Reading]
    ) -> BusinessCalendar:
        """The calendar that ``version``'s reading of business days selects under the
        ``chosen`` readings."""
        calendar = version.choice("business-days-calendar", tuple(chosen)).calendar
        return QUEBEC_CPC if calendar is None else calendar

    def act(self, case: MigrationCase) -> date | None:
        """The date of the act that meets the deadline, if the case records it."""
        raise NotImplementedError  # pragma: no cover

    def vendor(self, case: MigrationCase) -> Solution | None:
        """The certified solution of the vendor the deadline binds (None outside the
        directory)."""
        raise NotImplementedError  # pragma: no cover

    def period_due(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> tuple[date, Reading]:
        """The end of the case's period under the chosen readings, and the period's reading
        (computed once per request day and context: the cases of a run share their days)."""
        day = case.requested_on
        found: tuple[date, Reading] = context.remembered(
            self, version, day, self._period_due, version, day, context
        )
        return found

    def _period_due(
        self, version: RuleVersion[PeriodDays], requested_on: date, context: Context
    ) -> tuple[date, Reading]:
        """:meth:`period_due` computed, for a request made on ``requested_on``."""
        reading = version.choice("period-start", context.readings)
        end = period_end_on(
            requested_on,
            version.parameters.days,
            reading,
            context.calendar,
            version.choice("period-end", context.readings),
        )
        return end, reading

    def terms(self, case: MigrationCase, context: Context) -> Terms | None:
        """What the version in force binds ``case`` to under the context's readings, or
        ``None`` when no version is in force (computed once per case and context)."""
        version = self.version_at(case.requested_on)
        if version is None:
            return None
        return self.terms_of(version, case, context)

    def terms_of(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Terms:
        """:meth:`terms` under ``version``, by its dated piece ``terms_YYYY_MM``."""
        terms: Terms = context.shared(case, self, version, self._terms, version, case, context)
        return terms

    def _terms(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Terms:
        """:meth:`terms_of` computed (the dated piece looked up only then: every rule that
        follows the deadline asks for its terms, computed by the first)."""
        terms: Terms = self.dated("terms", version)(version, case, context)
        return terms

    def terms_2021_10(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Terms:
        """The 2021 notice (requests from 2021-10-28): the period's end binds; neither the
        scope nor the form is a condition."""
        due, reading = self.period_due(version, case, context)
        return Terms(reading, due, due, None, None, {}, version.citations)

    def terms_2024_01(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Terms:
        """The 2024 procedure (requests from 2024-01-01): the form starts the process, the
        deadline binds a standard scope (§3.1), and its due date may move (:meth:`shift`)."""
        citations = version.citations
        if version.choice("request-form", context.readings).id == FORM_STARTS_PROCESS.id:
            reason = self.form_stop(case)
            if reason is not None:
                cited = PROCEDURE_FORM if reason == "not_sent_to_party" else (
                    PROCEDURE_CLINIC_AUTHORIZATION
                )  # fmt: skip
                return Terms(None, None, None, None, reason, {}, (*citations, cited))
        due, reading = self.period_due(version, case, context)
        if case.standard_scope is False:  # the statutory date, reported, does not bind
            cited = PROCEDURE_NON_STANDARD_SCOPE
            return Terms(reading, due, due, None, "non_standard_scope", {}, (*citations, cited))
        shift = self.shift(version, case, context, due)
        if case.standard_scope is None and (
            version.choice("scope", context.readings).id == SCOPE_REQUIRED.id
        ):  # a non-standard scope would bind nothing: a late act cannot be judged
            unknown: tuple[str, str] | None = ("scope_unknown", "$.standard_scope")
            latest = None
        else:
            unknown, latest = shift.unknown, shift.latest
        return Terms(
            reading,
            shift.due,
            latest,
            unknown,
            None,
            shift.details,
            (*citations, *shift.citations),
        )

    def form_stop(self, case: MigrationCase) -> str | None:
        """Why the vendor's clock has not started under ``form-starts-process``: the form is
        recorded as unsigned or unauthorized (``process_not_started``), or as not sent to
        the vendor's address (``not_sent_to_party``); ``None`` when it has (an absent fact
        stops nothing)."""
        form = case.request_form
        if form is None:
            return None
        if form.signed is False or form.clinic_authorization is False:
            return "process_not_started"
        vendor = self.vendor(case)
        if (
            form.recipients is not None
            and vendor is not None
            and vendor.migration_address.casefold() not in form.recipients
        ):
            return "not_sent_to_party"
        return None

    def shift(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context, due: date
    ) -> Shift:
        """How a lawful shift moves the period's end ``due``: nothing moves it here."""
        return Shift(due, due)

    def formula_2021_10(
        self, version: RuleVersion[PeriodDays], case: MigrationCase, context: Context
    ) -> Finding:
        """Every version (from 2021-10-28): the act is done by the due date its
        :class:`Terms` set, if they bind; a late act whose lateness turns on an unknown fact
        is ``insufficient_data`` naming it."""
        terms = self.terms_of(version, case, context)
        act_on = self.act(case)
        if terms.due is None:  # the clock has not started
            return self.outcome(
                version,
                Status.NOT_APPLICABLE,
                citations=terms.citations,
                details={"reason": terms.reason},
            )
        state: DeadlineState = deadline_state(terms.due, act_on, context)
        if not terms.binds:  # the statutory date, reported, does not bind
            return self.outcome(
                version,
                Status.NOT_APPLICABLE,
                due=terms.due,
                act_on=state.act_on,
                reading=terms.reading,
                citations=terms.citations,
                details={"reason": terms.reason},
            )
        details = dict(terms.details)
        status = None
        if (
            terms.unknown is not None
            and state.status is Status.VIOLATION
            and (
                terms.latest is None
                or deadline_state(terms.latest, act_on, context).status is not Status.VIOLATION
            )
        ):  # late by the known due date, perhaps not by the one the unknown fact would give
            details["missing"], details["reason"] = terms.unknown[1], terms.unknown[0]
            status = Status.INSUFFICIENT_DATA
        return self.deadline(
            version,
            context,
            due=terms.due,
            act_on=act_on,
            act_field=self.act_field,
            reading=terms.reading,
            details=details,
            citations=terms.citations,
            state=state,
            status=status,
        )

    def explain(self, finding: Finding, case: MigrationCase, context: Context) -> list[Note]:
        """The request's instant and date, day 1, day N, the extension, the clinic's delay;
        or why the clock has not started."""
        version = self.version_at(case.requested_on)
        if version is None or finding.rule_version is None:
            return []
        steps: list[Note] = [
            ("explain.request", {"sent": case.request_transmitted_at, "day": case.requested_on})
        ]
        if finding.reason in ("process_not_started", "not_sent_to_party"):
            return [*steps, (f"explain.{finding.reason}", {})]
        if finding.reason == "not_yet_requested":
            return steps
        _, counted = period_steps(
            case.requested_on,
            version.parameters.days,
            version.choice("period-start", context.readings),
            context.calendar,
            version.choice("period-end", context.readings),
        )
        steps += counted
        steps += self.explain_shift(finding, version, context)
        if finding.reason == "non_standard_scope":
            steps.append(("explain.non_standard_scope", {}))
        return steps

    def explain_shift(
        self, finding: Finding, version: RuleVersion[PeriodDays], context: Context
    ) -> list[Note]:
        """The steps that moved the due date after the period's end (none here)."""
        return []
