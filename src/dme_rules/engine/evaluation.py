"""Evaluating subjects: :func:`evaluate` and :func:`evaluate_many`.

``evaluate(subject, as_of)`` dispatches on the subject: its kind names its jurisdiction
(``qc.migration.case`` → ``qc``), whose rules for that kind of subject run in catalogue order,
in the jurisdiction's time zone and on its default calendar unless the caller chooses another.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from dme_rules._version import VERSION
from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import OfficeSchedule
from dme_rules.engine.context import Context, check_options
from dme_rules.engine.findings import Finding
from dme_rules.engine.jsonform import loads, wrong_type
from dme_rules.engine.jurisdiction import (
    Jurisdiction,
    jurisdiction_of,
    subject_class,
    subject_classes,
)
from dme_rules.engine.readings import Reading
from dme_rules.engine.registry import reading_values
from dme_rules.engine.report import Report
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import as_instant
from dme_rules.errors import (
    CalendarRangeError,
    DmeRulesError,
    InvalidArgumentError,
    InvalidCaseError,
)

__all__ = ["evaluate", "evaluate_many", "read_subject"]


def _check_ruleset(ruleset: object) -> Ruleset | None:
    if ruleset is None or isinstance(ruleset, Ruleset):
        return ruleset
    raise InvalidArgumentError("ruleset", "a Ruleset", ruleset, expected_fr="un Ruleset")


def _as_subject(value: object, field: str = "case") -> Subject:
    """``value`` itself, or the subject its JSON form describes (its ``"subject"`` key names
    the kind; without one, the default kind). An error names ``field`` (``cases[7]``) and,
    for a bad mapping, the path inside it (``cases[7].extraction.fee``)."""
    if isinstance(value, Subject):
        return value
    if isinstance(value, Mapping):
        try:
            return _from_dict(value)
        except InvalidCaseError as error:
            if field == "case":
                raise
            path = field + error.path.removeprefix("$")
            raise error.at(path) from None
    names = ", ".join(cls.__name__ for cls in subject_classes().values())
    raise InvalidArgumentError(
        field,
        f"a subject ({names}) or a mapping of its JSON form",
        value,
        expected_fr=f"un sujet ({names}) ou un dictionnaire de sa forme JSON",
    )


def read_subject(text: str | bytes) -> Subject:
    """The subject that JSON ``text`` describes, read strictly: its ``"subject"`` key names
    its kind (the default subject's without one).

    Raises:
        InvalidCaseError: The text is not JSON, names no known kind, or its kind refuses it.
    """
    data = loads(text)
    if not isinstance(data, Mapping):
        raise wrong_type("$", data, "an object", "un objet")
    return _from_dict(data)


def _from_dict(data: Mapping[str, Any]) -> Subject:
    """The subject of the JSON object ``data``, of the kind its ``"subject"`` key names (the
    default kind without one).

    Raises:
        InvalidCaseError: ``data`` is not a valid subject of that kind; for a document without
            a ``"subject"`` key that another registered kind reads, the error says which key
            to add.
    """
    cls = _subject_class(data)
    try:
        return cls.from_dict(data)
    except InvalidCaseError as error:
        if "subject" in data:
            raise
        hint = _missing_subject_key(data, cls)
        if hint is None:
            raise
        raise hint from error


def _missing_subject_key(
    data: Mapping[str, Any], default: type[Subject]
) -> InvalidCaseError | None:
    """The error for ``data``, a document without a ``"subject"`` key that the ``default``
    kind refuses: if other registered kinds read it once it names them, which key to add;
    else ``None`` (the default kind's own error says what is wrong)."""
    fitting = []
    for kind, cls in subject_classes().items():
        if cls is default:
            continue
        try:
            cls.from_dict({"subject": kind, **data})
        except DmeRulesError:
            continue
        fitting.append(kind)
    if not fitting:
        return None
    keys = " or ".join(f'"subject": "{kind}"' for kind in fitting)
    keys_fr = " ou ".join(f'"subject": "{kind}"' for kind in fitting)
    kinds = " or ".join(fitting)
    kinds_fr = " ou ".join(fitting)
    return InvalidCaseError(
        "$.subject",
        f"{keys} (add this key to the document)",
        expected_fr=f"{keys_fr} (ajoutez cette clé au document)",
        given=f'no "subject" key was given, and the document is not a valid {default.kind} '
        f"but is a valid {kinds}",
        given_fr=f"aucune clé \"subject\" n'a été donnée, et le document n'est pas un "
        f"{default.kind} valide, mais un {kinds_fr} valide",
    )


def _subject_class(data: Mapping[str, Any]) -> type[Subject]:
    """The subject class that a document's ``"subject"`` key names (the default kind when it
    names none)."""
    kind = data.get("subject")  # absent: the default subject; null is no kind
    found = subject_class(kind) if isinstance(kind, str) or "subject" not in data else None
    if found is None:
        kinds = ", ".join(subject_classes())
        raise InvalidCaseError(
            "$.subject",
            f"the kind of a known subject: {kinds}",
            expected_fr=f"le type d'un sujet connu : {kinds}",
        )
    return found


def _report(subject: Subject, context: Context, ruleset: Ruleset, pack: Jurisdiction) -> Report:
    """The report on ``subject``: every rule of ``ruleset`` that reads its kind, in order."""
    findings: list[Finding] = []
    try:
        for rule in ruleset.for_subject(type(subject)):
            findings += rule.findings(subject, context)  # what rule.check runs
    except CalendarRangeError as error:
        # A subject dated near the end of the supported years: a time limit counted from it
        # leaves them. The error names the fact that dates the subject.
        years = f"{error.first_year}-{error.last_year}"
        raise InvalidCaseError(
            subject.reference_field,
            f"a date whose time limits end within the supported years {years} ({error.text('en')})",
            expected_fr=(
                f"une date dont les délais finissent dans les années prises en charge, {years} "
                f"({error.text('fr')})"
            ),
        ) from None
    return Report(
        subject.subject_id,
        context.as_of,
        Status.worst(finding.status for finding in findings),
        tuple(findings),
        VERSION,
        context.calendar.id,
        subject,
        ruleset,
        pack,
        context,
    )


#: The context of the last evaluation in each jurisdiction (by its id), with the instant,
#: calendar, schedule and readings it was made of: the next evaluations with the same ones
#: use it again, so that a run of evaluations (an auditor's loop, a service answering at one
#: instant) makes one context, not one per subject. One tuple per jurisdiction, replaced whole.
_LAST_RUN: dict[str, tuple[Jurisdiction, datetime, object, object, object, Context]] = {}


def _same_instant(kept: datetime, given: datetime) -> bool:
    """Whether ``given`` is ``kept`` or the same value written alike: the same instant, the
    same fields, the same ``tzinfo`` object and fold (a report shows its context's ``as_of``)."""
    return kept is given or (
        type(given) is type(kept) is datetime  # not a subclass, which may write itself otherwise
        and given.tzinfo is kept.tzinfo
        and given.fold == kept.fold
        and given == kept  # with the same tzinfo: the same wall-clock fields
    )


def _same_readings(kept: object, given: object) -> bool:
    """Whether two choices of readings are the same reading objects in the same order."""
    return kept is given or (
        type(kept) is tuple
        and type(given) is tuple
        and len(kept) == len(given)
        and all(map(operator.is_, kept, given))
    )


def _run_context(
    pack: Jurisdiction,
    instant: datetime,
    calendar: BusinessCalendar | None,
    readings: Iterable[Reading | str],
    schedule: OfficeSchedule | None,
) -> Context:
    """``pack.context(...)`` of an evaluation, the last one's again when it asked for the same
    instant (as written), calendar, schedule and readings (the same objects): a context is a
    value of those, and what it keeps of a subject is kept with the subject
    (:meth:`Context.shared`)."""
    chosen = reading_values(readings)  # an unknown id is refused first, as pack.context does
    last = _LAST_RUN.get(pack.id)
    if last is not None:
        known, as_of, given, hours, options, context = last
        if (
            known is pack  # not another pack registered under the same id since
            and given is calendar
            and hours is schedule
            and _same_readings(options, chosen)
        ):
            if _same_instant(as_of, instant):
                return context
            # Another instant (a service answering at "now"): the same circumstances, moved.
            context = context.with_as_of(instant)
            _LAST_RUN[pack.id] = (pack, instant, calendar, schedule, chosen, context)
            return context
    context = pack.context(instant, calendar=calendar, readings=chosen, schedule=schedule)  # type: ignore[arg-type]
    _LAST_RUN[pack.id] = (pack, instant, calendar, schedule, chosen, context)
    return context


def evaluate(
    subject: Subject | Mapping[str, Any],
    as_of: datetime,
    *,
    ruleset: Ruleset | None = None,
    calendar: BusinessCalendar | None = None,
    readings: Iterable[Reading | str] = (),
    schedule: OfficeSchedule | None = None,
) -> Report:
    """Evaluate every rule that reads ``subject`` as it stood at ``as_of``.

    Pure: the same arguments give the same report, byte for byte in JSON.

    Args:
        subject: A migration case, consent answers… (or a mapping of its JSON form, whose
            ``"subject"`` key names its kind; a Quebec migration case without one).
        as_of: The aware instant of the evaluation; acts dated after it are ignored.
        ruleset: The rules to apply (default: every rule of the subject's jurisdiction).
        calendar: The business calendar for every count (default: the jurisdiction's).
        readings: Alternative readings to use where a rule's version allows them, as values
            or ids (``["civil-procedure"]`` counts every request period the civil-procedure
            way, ``[OFFICE_HOURS]`` the BCH's 72 hours in opening hours); at most one per
            topic. A rule whose version does not allow one ignores it and says so in its
            finding's ``details["readings_ignored"]``.
        schedule: The opening hours for a reading that counts in office hours.

    Raises:
        NaiveDatetimeError: ``as_of`` has no UTC offset.
        InvalidCaseError: ``subject`` is a mapping that is not a valid subject.
        InvalidArgumentError: Another argument has the wrong type.
    """
    instant = as_instant(as_of, "as_of")
    chosen = _check_ruleset(ruleset)
    known = _as_subject(subject)
    pack = jurisdiction_of(known.kind)
    context = _run_context(pack, instant, calendar, readings, schedule)
    return _report(known, context, pack.rules if chosen is None else chosen, pack)


def evaluate_many(
    cases: Iterable[Subject | Mapping[str, Any]],
    as_of: datetime,
    *,
    ruleset: Ruleset | None = None,
    calendar: BusinessCalendar | None = None,
    readings: Iterable[Reading | str] = (),
    schedule: OfficeSchedule | None = None,
) -> Iterator[Report]:
    """Evaluate each subject of ``cases``, an iterable (a generator is fine) of migration
    cases, consent answers… or their JSON forms, yielding reports one by one.

    The arguments are those of :func:`evaluate`, checked once before the first subject. The
    reports are those :func:`evaluate` gives, in the same order; memory stays bounded whatever
    the stream's length. When a subject is malformed (a mapping's error names it:
    ``cases[7].extraction.fee``), or a rule cannot count it, the reports on the subjects before
    it come first, then the error.
    """
    instant = as_instant(as_of, "as_of")
    chosen = _check_ruleset(ruleset)
    chosen_readings = check_options(calendar, reading_values(readings), schedule)  # type: ignore[arg-type]
    if not isinstance(cases, Iterable):
        raise InvalidArgumentError(
            "cases", "an iterable of subjects", cases, expected_fr="un itérable de sujets"
        )

    def reports() -> Iterator[Report]:
        contexts: dict[str, Context] = {}  # one per jurisdiction met in the stream
        for index, value in enumerate(cases):
            subject = _as_subject(value, f"cases[{index}]")
            pack = jurisdiction_of(subject.kind)
            context = contexts.get(pack.id)
            if context is None:
                context = contexts[pack.id] = pack.context(
                    instant, calendar=calendar, readings=chosen_readings, schedule=schedule
                )
            try:
                yield _report(subject, context, pack.rules if chosen is None else chosen, pack)
            except InvalidCaseError as error:  # named as the subject's place in the stream
                path = f"cases[{index}]" + error.path.removeprefix("$")
                raise error.at(path) from None

    return reports()
