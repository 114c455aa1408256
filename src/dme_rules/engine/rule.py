"""Rules: the one check contract, its evaluation path and the outcome builders.

A rule is an immutable value with an id, bilingual titles, the party it binds, the kind of
subject it reads and its ordered legal versions (:mod:`~dme_rules.engine.versions`). Each rule
module of a jurisdiction pack subclasses :class:`Rule`, declares ``subject``, adds what a
caller can compute on its own (``due(...)``, ``cap(...)``) and writes its logic as *dated
formulas* (:mod:`~dme_rules.engine.dated`): a version is judged by the latest formula that
starts on or before its ``effective_from``, so no rule branches on a version string.

One path judges a subject: :meth:`Rule.findings`, which :meth:`Rule.check` and the
evaluation loop both run. The outcome builders (:meth:`Rule.deadline`,
:meth:`Rule.within_cap`, :meth:`Rule.insufficient`) hold what each status means
(:mod:`~dme_rules.engine.deadlines`), so that every rule applies them the same way. Rules
give codes and numbers; their words live in their pack's message catalogue
(:meth:`Rule.notes` names the phrases a finding's message adds).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Generic, SupportsIndex, TypedDict, TypeVar

import attrs

from dme_rules.engine._checks import MONEY, checked_date
from dme_rules.engine._speed import tuple_maker
from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.citations import Citation
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.context import Context
from dme_rules.engine.dated import dated_families, dated_method, dated_methods
from dme_rules.engine.deadlines import DeadlineState, deadline_state
from dme_rules.engine.findings import NO_DETAILS, Finding
from dme_rules.engine.messages import check_language
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import pack_of
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.versions import RuleVersion, VersionEntry, check_sequence
from dme_rules.errors import InvalidArgumentError, NotInForceError

__all__ = ["Note", "Rule", "RuleEntry", "registered_rule"]

P = TypeVar("P")
S = TypeVar("S", bound=Subject)

#: The ids of the readings a version applied, of those the caller chose that it ignored, and
#: the id of the calendar its chosen reading of business days selects (``None``: it reads none).
_ReadingsUsed = tuple[tuple[str, ...], tuple[str, ...], str | None]

#: What a lookup answers for a day not met yet.
_UNKNOWN: Any = object()
#: How many reference dates a rule keeps the version in force for (about 11 years of days).
_DAYS_KEPT = 4096

#: Makes a finding from its fields in the order Finding declares them (Finding._make, without
#: its call and its check of the length: Rule.outcome gives every field).
_finding = tuple_maker(Finding)

#: A phrase a finding's message adds: a message code and the values its template reads.
Note = tuple[str, Mapping[str, Any]]


class RuleEntry(TypedDict):
    """A rule's JSON in the catalogue (:meth:`Rule.to_dict`)."""

    id: str
    title_fr: str
    title_en: str
    obligated_party: str
    subject: str
    reasons: list[str]
    in_force: str | None
    versions: list[VersionEntry]


def _check_versions(
    instance: Rule[Any, Any], attribute: object, versions: Sequence[RuleVersion[Any]]
) -> None:
    check_sequence(versions, instance.id)


def registered_rule(rule_id: str) -> Rule[Any, Any]:
    """The rule ``rule_id`` of its registered pack (how a registered rule unpickles).

    Raises:
        InvalidArgumentError: No registered pack has that rule.
    """
    pack = pack_of(rule_id)
    rule = pack.rules.get(rule_id) if pack is not None else None
    if not isinstance(rule, Rule):
        raise InvalidArgumentError(
            "rule_id", "the id of a registered rule", rule_id,
            expected_fr="l'id d'une règle enregistrée",
        )  # fmt: skip
    return rule


@attrs.frozen
class Rule(Generic[P, S]):
    """An obligation of the catalogue, with its legal versions.

    A subclass sets :attr:`subject` and writes one dated formula per period whose logic
    differs (``formula_2021_10(self, version, subject, context) -> Finding``).

    Attributes:
        id: The stable id: the jurisdiction, a domain and the name of the rule's module
            (``qc.migration.extraction-deadline`` lives in ``extraction_deadline``).
        title_fr: The French title.
        title_en: The English title.
        obligated_party: Who the rule binds (a party code of its jurisdiction, or two joined
            with ``+``).
        versions: The legal versions, in order, not overlapping.
        position: Where the rule comes in its jurisdiction's catalogue (findings come in this
            order); numbers leave gaps so that a rule can go between two others.
        reasons: The ``details["reason"]`` codes its findings may carry (their words are in
            the pack's message catalogue under ``reason.<code>``).
    """

    #: The kind of subject the rule reads (a :class:`~dme_rules.engine.subjects.Subject`).
    subject: ClassVar[type[Subject]]

    id: str
    title_fr: str
    title_en: str
    obligated_party: str
    versions: tuple[RuleVersion[P], ...] = attrs.field(validator=_check_versions)
    position: int
    reasons: tuple[str, ...] = ()
    # Derived once, for speed: every evaluation finds the version in force on a subject's
    # date and its formula, and a formula's dated pieces, for every subject it judges.
    #: Each version's first day and last day (``date.max`` while in force), in order: the
    #: version in force on a day is found by bisection (:meth:`_index_at`).
    _starts: tuple[date, ...] = attrs.field(init=False, eq=False, repr=False)
    _ends: tuple[date, ...] = attrs.field(init=False, eq=False, repr=False)
    #: Each version's formula, in the versions' order.
    _formulas: tuple[Callable[..., Any], ...] = attrs.field(init=False, eq=False, repr=False)
    #: The version in force and its formula by reference date (``None``: none in force), kept
    #: for the days met (up to a bound): the subjects of an audit share few dates, and a
    #: lookup by day costs a third of a bisection.
    _in_force: dict[date, tuple[RuleVersion[P], Callable[..., Any]] | None] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    #: Each dated method found for a version, by family and version name (found once).
    _dated: dict[tuple[str, str], Callable[..., Any]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )
    #: The reading ids each version applies, and those it ignores, by the caller's choice
    #: (the same few choices recur across an evaluation's subjects).
    _readings_used: dict[tuple[str, tuple[Reading, ...]], _ReadingsUsed] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        subject = getattr(cls, "subject", None)
        if not (isinstance(subject, type) and issubclass(subject, Subject)):
            raise InvalidArgumentError(
                "subject",
                f"a Subject class declared by {cls.__name__} (subject = …)",
                subject,
                expected_fr=f"une classe Subject déclarée par {cls.__name__}",
            )
        object.__setattr__(self, "_starts", tuple(v.effective_from for v in self.versions))
        ends = tuple(v.effective_to or date.max for v in self.versions)
        object.__setattr__(self, "_ends", ends)
        formulas = tuple(self.dated("formula", version) for version in self.versions)
        object.__setattr__(self, "_formulas", formulas)
        used = {formula.__name__ for formula in formulas}
        unused = {name for _, name in dated_methods(cls, "formula")} - used
        if unused:
            raise InvalidArgumentError(
                "versions",
                f"a version for every formula of {self.id}",
                sorted(unused),
                expected_fr=f"une version pour chaque formule de {self.id}",
            )

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        # A rule registered in its pack pickles as its id and unpickles as that rule: a
        # pickled report does not carry the law's texts.
        pack = pack_of(self.id)
        if pack is not None and pack.rules.get(self.id) is self:
            return registered_rule, (self.id,)
        return object.__reduce_ex__(self, protocol)

    def dated(self, family: str, version: RuleVersion[P]) -> Callable[..., Any]:
        """The method ``{family}_YYYY_MM`` in force for ``version``: the latest whose first
        day is on or before the version's ``effective_from``.

        Raises:
            InvalidArgumentError: No method of ``family`` starts by then (a declaration bug).
        """
        found = self._dated.get((family, version.version))
        if found is None:
            start = version.effective_from
            name = dated_method(type(self), family, start)
            if name is None:
                raise InvalidArgumentError(
                    "versions",
                    f"a {family}_YYYY_MM method of {self.id} starting by {start}",
                    version.version,
                    expected_fr=(
                        f"une méthode {family}_AAAA_MM de {self.id} commençant au plus tard "
                        f"le {start}"
                    ),
                )
            found = self._dated[family, version.version] = getattr(self, name)
        return found

    def dated_pieces(self, version: RuleVersion[P]) -> dict[str, str]:
        """The name of each dated method that applies to ``version``, by family: the formula
        first, then any piece a formula dates the same way (``access_until``)."""
        return {
            family: self.dated(family, version).__name__ for family in dated_families(type(self))
        }

    @property
    def name(self) -> str:
        """The rule's name as a constant, made of the last segment of its id
        (``qc.migration.import-deadline`` is ``IMPORT_DEADLINE``, in ``import_deadline``)."""
        return self.id.rsplit(".", 1)[-1].replace("-", "_").upper()

    # -- versions -------------------------------------------------------------------------

    def _index_at(self, day: date) -> int:
        """The index of the version in force on ``day``, or -1 when none is."""
        index = bisect.bisect_right(self._starts, day) - 1
        return index if index >= 0 and day <= self._ends[index] else -1

    def version_at(self, day: date) -> RuleVersion[P] | None:
        """The version in force on ``day``, or ``None`` (before the first, or in a gap)."""
        found = self._in_force.get(day, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._remember_in_force(day)
        return None if found is None else found[0]

    def version_named(self, name: str | None) -> RuleVersion[P] | None:
        """The version called ``name`` (a finding's ``rule_version``), or ``None``."""
        return next((v for v in self.versions if v.version == name), None)

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

    def reference_date(self, subject: S) -> date:
        """The date that selects the version: the subject's reference date by default."""
        return subject.reference_date

    # -- checking -------------------------------------------------------------------------

    def check(
        self,
        subject: S,
        as_of: datetime,
        *,
        calendar: BusinessCalendar | None = None,
        readings: Iterable[Reading] = (),
        schedule: OfficeSchedule | None = None,
    ) -> tuple[Finding, ...]:
        """The rule's findings on ``subject`` as it stood at the aware instant ``as_of``:
        :meth:`findings` in a context of the subject's jurisdiction, as an evaluation runs it.

        Args:
            subject: The subject the rule reads (:attr:`subject`).
            as_of: The instant of the evaluation; acts dated after it are ignored.
            calendar: The business calendar (default: the subject's jurisdiction's).
            readings: Alternative readings to use where the version allows them.
            schedule: The opening hours for a reading that counts in office hours.

        Raises:
            InvalidArgumentError: ``subject`` is not of the rule's kind, or an argument has
                the wrong type.
            NaiveDatetimeError: ``as_of`` has no UTC offset.
        """
        if not isinstance(subject, self.subject):
            name = self.subject.__name__
            raise InvalidArgumentError("subject", f"a {name}", subject, expected_fr=f"un {name}")
        pack = pack_of(subject.kind)  # the subject's jurisdiction, as for evaluate
        if pack is None:
            raise InvalidArgumentError(
                "subject",
                "a subject of a registered jurisdiction",
                subject.kind,
                expected_fr="un sujet d'une juridiction enregistrée",
            )
        context = pack.context(as_of, calendar=calendar, readings=readings, schedule=schedule)
        return self.findings(subject, context)

    def findings(self, subject: S, context: Context) -> tuple[Finding, ...]:
        """The rule's findings on ``subject`` at the context's instant: what :meth:`check`
        and the evaluation loop both run.

        Before the subject's :attr:`~dme_rules.engine.subjects.Subject.started_at`, one
        ``not_applicable`` finding (nothing has started); otherwise :meth:`judge`. Either
        way, the findings name the readings their versions applied under the context's
        choice, and the calendar the caller gave in place of a reading's
        (:meth:`with_readings`).
        """
        found: tuple[Finding, ...]
        if context.has_started(subject):
            found = self.judge(subject, context)
        else:
            found = (self.not_started(subject),)
        if context.readings or context.calendar_given:  # outcome() reported the defaults
            found = tuple(map(self.with_readings, found, itertools.repeat(context)))
        return found

    def judge(self, subject: S, context: Context) -> tuple[Finding, ...]:
        """The findings on a started subject: one, by the formula of the version in force on
        :meth:`reference_date` (a rule with one finding per item overrides this)."""
        found = self._in_force.get(day := self.reference_date(subject), _UNKNOWN)
        if found is _UNKNOWN:
            found = self._remember_in_force(day)
        if found is None:
            return (self.not_in_force(subject),)
        version, formula = found
        return (formula(version, subject, context),)

    def _remember_in_force(self, day: date) -> tuple[RuleVersion[P], Callable[..., Any]] | None:
        """The version in force on ``day`` and its formula (or ``None``), kept for the day."""
        index = self._index_at(day)
        found = None if index < 0 else (self.versions[index], self._formulas[index])
        if len(self._in_force) >= _DAYS_KEPT:
            self._in_force.clear()
        self._in_force[day] = found
        return found

    def with_readings(self, finding: Finding, context: Context) -> Finding:
        """``finding`` with the readings its version applied under the context's choice
        (``readings``; a finding is built with its version's defaults), those the caller
        chose that the version does not allow (``details["readings_ignored"]``: ignored for
        this rule, not an error), and the calendar the caller gave when it counts in place of
        the one the version's reading of business days selects (``details["calendar"]``)."""
        version_name = finding.rule_version
        if version_name is None:
            return finding
        key = (version_name, context.readings)
        used = self._readings_used.get(key)
        if used is None:
            version = self.version_named(version_name)
            if version is None:  # a finding of another rule's making
                return finding
            chosen = context.readings
            applied = [version.choice(topic, chosen) for topic in version.topics]
            selected = next((r.calendar.id for r in applied if r.calendar is not None), None)
            used = self._readings_used[key] = (
                tuple(reading.id for reading in applied),
                tuple(reading.id for reading in chosen if reading not in version.allowed),
                selected,
            )
        ids, ignored, selected = used
        details = finding.details
        if ignored:
            details = {**details, "readings_ignored": ignored}
        if context.calendar_given and selected not in (None, context.calendar.id):
            details = {**details, "calendar": context.calendar.id}  # the caller's counted
        if not ids and details is finding.details:
            return finding
        return finding._replace(readings=ids, details=details)

    def not_started(self, subject: S) -> Finding:
        """``not_applicable``: the evaluation's instant comes before the subject's start (a
        migration case seen before its request was transmitted)."""
        version = self.version_at(self.reference_date(subject))
        return self.outcome(
            version,
            Status.NOT_APPLICABLE,
            details={"reason": subject.not_started_reason, "starts_at": subject.started_at},
        )

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
        reading: Reading | None = None,
        citations: tuple[Citation, ...] | None = None,
        details: Mapping[str, Any] | None = None,
        obligated_party: str | None = None,
    ) -> Finding:
        """A finding of this rule with ``status``; the keywords are Finding attributes
        (``reading`` is the reading that counted, reported as the finding's
        ``interpretation``; ``citations`` defaults to the version's, ``obligated_party`` to
        the rule's)."""
        if citations is None:
            citations = version.citations if version is not None else ()
        # Every finding is built here, from its fields in the order Finding declares them.
        return _finding(
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
                reading.id if reading is not None else None,
                # The version's defaults; an evaluation that chose readings corrects them
                # (Rule.with_readings).
                version._default_ids if version is not None else (),
                citations,
                details or NO_DETAILS,
            )
        )

    def not_in_force(
        self, subject: S, *, day: date | None = None, details: Mapping[str, Any] = NO_DETAILS
    ) -> Finding:
        """``not_applicable``: no version is in force on the subject's reference date (or on
        ``day``, for a rule whose versions follow another date); ``details`` come first."""
        return self.outcome(
            None,
            Status.NOT_APPLICABLE,
            details={
                **details,
                "reason": "not_in_force",
                "reference_date": self.reference_date(subject) if day is None else day,
                "in_force_from": self.versions[0].effective_from,
            },
        )

    def insufficient(self, version: RuleVersion[P], missing: str, **fields: Any) -> Finding:
        """``insufficient_data``: the subject lacks ``missing`` (a JSON path such as
        ``$.extraction.fee``); ``fields`` are further :meth:`outcome` keywords."""
        details = dict(fields.pop("details", None) or {})
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
        reading: Reading | None = None,
        details: Mapping[str, Any] | None = None,
        citations: tuple[Citation, ...] | None = None,
        state: DeadlineState | None = None,
        status: Status | None = None,
    ) -> Finding:
        """The finding of a date-deadline ending at 24:00 of ``due`` (see
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
        return self.outcome(
            version,
            state.status if status is None else status,
            due=due,
            act_on=state.act_on,
            days_late=state.days_late,
            business_days_late=state.business_days_late,
            days_left=state.days_left,
            business_days_left=state.business_days_left,
            reading=reading,
            citations=citations,
            details=details,
        )

    def within_cap(
        self,
        version: RuleVersion[P],
        *,
        amount: Decimal | None,
        cap: Decimal,
        amount_field: str,
        details: Mapping[str, Any] | None = None,
        act: tuple[date | None, str] | None = None,
        context: Context | None = None,
    ) -> Finding:
        """Compliant when ``amount <= cap`` (lower is allowed), a violation above it.

        A fee is seen with its ``act`` (its date and JSON path), as the subject stood
        at the ``context``'s instant: an act dated after it hides the fee too
        (``details["ignored"]`` names the act); while neither the act nor a fee is seen, the
        fee is not charged yet (``not_applicable``, reason ``not_yet_charged``); once the act
        is done, an unknown fee is ``insufficient_data`` naming ``amount_field``. Without
        ``act``, an unknown fee is ``insufficient_data`` at once.
        """
        if act is not None and context is not None:
            act_on, act_field = act
            if act_on is not None and act_on > context.today:  # after as_of: not seen
                act_on, amount = None, None
                details = {**(details or {}), "ignored": act_field}
            if act_on is None and amount is None:
                details = {**(details or {}), "reason": "not_yet_charged"}
                return self.outcome(version, Status.NOT_APPLICABLE, cap=cap, details=details)
        if amount is None:
            return self.insufficient(version, amount_field, cap=cap, details=details)
        status = Status.COMPLIANT
        if amount > cap:
            details = {**(details or {}), "excess": MONEY.subtract(amount, cap)}
            status = Status.VIOLATION
        return self.outcome(version, status, amount=amount, cap=cap, details=details)

    # -- words ----------------------------------------------------------------------------

    def title(self, lang: str = "fr") -> str:
        """The rule's title in French (default) or English."""
        return self.title_fr if check_language(lang) == "fr" else self.title_en

    def to_dict(self, as_of: date | None = None) -> RuleEntry:
        """The rule for a catalogue in JSON: its id, titles, party and subject, every version
        (:meth:`RuleVersion.to_dict`), and ``in_force``, the version in force on ``as_of``
        (``None`` without a date, or when none is)."""
        in_force = self.version_at(checked_date(as_of, "as_of")) if as_of is not None else None
        return {
            "id": self.id,
            "title_fr": self.title_fr,
            "title_en": self.title_en,
            "obligated_party": self.obligated_party,
            "subject": self.subject.kind,
            "reasons": list(self.reasons),
            "in_force": None if in_force is None else in_force.version,
            "versions": [version.to_dict() for version in self.versions],
        }

    def note(self, name: str, **values: Any) -> Note:
        """A phrase of this rule for a finding's message: the message ``{id}.{name}`` of the
        pack's catalogue, with ``values`` for its template."""
        return f"{self.id}.{name}", values

    def notes(self, finding: Finding) -> list[Note]:
        """The rule's own phrases that a finding's message adds after the generic ones (due
        date, act, lateness, amounts, missing field, reason); none by default."""
        return []

    def explain(self, finding: Finding, subject: S, context: Context) -> list[Note]:
        """The steps that produced ``finding``'s due date or cap, one note each, whose words
        state the step's legal basis (for :meth:`Report.explain
        <dme_rules.engine.report.Report.explain>`); none by default, when the rule computes
        nothing worth explaining beyond its message."""
        return []
