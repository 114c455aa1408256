"""The migration case: the subject of Quebec's migration rules, and its JSON form.

A :class:`MigrationCase` is a frozen value. Build it in Python with typed values (dates,
aware datetimes, :class:`~decimal.Decimal` amounts) or from JSON data with
:meth:`MigrationCase.from_dict` / :meth:`MigrationCase.from_json`, which name the JSON path of
any bad field (``$.extraction.fee``). :meth:`MigrationCase.to_dict` gives the same keys back,
leaving out the fields that are ``None``: ``from_dict(case.to_dict()) == case``.
"""

from __future__ import annotations

import operator
from datetime import date, datetime
from decimal import Decimal

import attrs

from dme_rules.engine.kinds import (
    BOOL,
    COUNT,
    DATE,
    INSTANT,
    TEXT,
    block,
    fixed_offset,
    list_of,
    money,
    optional,
    required,
    tuple_or_none,
)
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidCaseError
from dme_rules.jurisdictions.qc.counting import date_of
from dme_rules.jurisdictions.qc.directory import CERTIFIED_SOLUTIONS, Solution, normalize_name

__all__ = [
    "Complaint",
    "Extraction",
    "Import",
    "MigrationCalendar",
    "MigrationCase",
    "Preanalysis",
    "ReadOnlyAccess",
    "RequestForm",
]


# -- the blocks ----------------------------------------------------------------------------


@attrs.frozen
class Extraction:
    """The current (source) vendor's extraction of the data.

    Attributes:
        delivered_on: When the first complete extraction ("TEST") was delivered.
        fee: What the source vendor charged for the extraction, CAD before taxes.
        confirmed_on: When the vendor confirmed that the extraction succeeded.
    """

    delivered_on: date | None = optional(DATE)
    fee: Decimal | None = money()
    confirmed_on: date | None = optional(DATE)


@attrs.frozen
class Import:
    """The new (target) vendor's import of the data.

    Attributes:
        completed_on: When the imported data went into production (the migration date).
        fee: What the target vendor charged for the import, CAD before taxes.
        confirmed_on: When the vendor confirmed that the import succeeded.
    """

    completed_on: date | None = optional(DATE)
    fee: Decimal | None = money()
    confirmed_on: date | None = optional(DATE)


@attrs.frozen
class Preanalysis:
    """The target vendor's pre-analysis and the clinic's validation of it.

    Attributes:
        submitted_on: When the pre-analysis was submitted to the physician or clinic.
        validated_on: When the physician or clinic validated it.
    """

    submitted_on: date | None = optional(DATE)
    validated_on: date | None = optional(DATE)


@attrs.frozen
class ReadOnlyAccess:
    """The physician's read-only access to the old solution after the migration.

    Attributes:
        until: The last day of access (planned or actual).
        fee: What was charged for that access (it must be free).
    """

    until: date | None = optional(DATE)
    fee: Decimal | None = money()


@attrs.frozen
class RequestForm:
    """The migration request form.

    Attributes:
        signed: Whether the form was duly filled in and signed.
        clinic_authorization: Whether it carries the written authorization of the clinic
            that holds the contract with the current vendor.
        sent_to: The e-mail addresses it was sent to.
    """

    signed: bool | None = optional(BOOL)
    clinic_authorization: bool | None = optional(BOOL)
    sent_to: tuple[str, ...] | None = optional(
        list_of(TEXT, "a list of e-mail addresses", "une liste d'adresses courriel"),
        converter=tuple_or_none,
    )
    #: The addresses of ``sent_to`` as compared, stripped and case-folded (derived, cached).
    recipients: frozenset[str] | None = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        recipients = None
        if self.sent_to is not None:
            recipients = frozenset({address.strip().casefold() for address in self.sent_to})
        object.__setattr__(self, "recipients", recipients)


@attrs.frozen
class MigrationCalendar:
    """The migration calendar the target vendor sends the clinic (procedure 2024, step 3).

    Every attribute is a date the calendar states, ``None`` when it does not state it.
    """

    test_extraction_on: date | None = optional(DATE)
    preanalysis_start_on: date | None = optional(DATE)
    preanalysis_end_on: date | None = optional(DATE)
    preanalysis_submitted_on: date | None = optional(DATE)
    preanalysis_validated_on: date | None = optional(DATE)
    flow_analysis_meeting_on: date | None = optional(DATE)
    quality_control_on: date | None = optional(DATE)
    validation_sessions_on: tuple[date, ...] | None = optional(
        list_of(DATE, "a list of dates written YYYY-MM-DD", "une liste de dates AAAA-MM-JJ"),
        converter=tuple_or_none,
    )
    quality_approved_on: date | None = optional(DATE)
    source_cutover_on: date | None = optional(DATE)
    final_extraction_on: date | None = optional(DATE)
    production_on: date | None = optional(DATE)
    data_usable_on: date | None = optional(DATE)
    access_removed_on: date | None = optional(DATE)


#: The items of a migration calendar, in order.
_CALENDAR_ITEMS = tuple(field.name for field in attrs.fields(MigrationCalendar))

#: The dates of a block's acts, as a tuple (a calendar's lists of dates apart).
_DAYS = {
    cls: operator.attrgetter(*(field.name for field in attrs.fields(cls) if field.name != "fee"))
    for cls in (Extraction, Import, Preanalysis)
}
_CALENDAR_DAYS = operator.attrgetter(
    *(name for name in _CALENDAR_ITEMS if name != "validation_sessions_on")
)

#: Later than every date: what :func:`_earliest_act` gives for a case without acts.
_NO_ACT = date.max


def _earliest_act(case: MigrationCase) -> date:
    """The earliest date of the case's acts and calendar (:data:`_NO_ACT` when none)."""
    days: list[date | None] = []
    for part, cls in ((case.extraction, Extraction), (case.import_, Import),
                      (case.preanalysis, Preanalysis)):  # fmt: skip
        if part is not None:
            days += _DAYS[cls](part)  # the declared class's fields (a subclass has them too)
    calendar = case.calendar
    if calendar is not None:
        days += _CALENDAR_DAYS(calendar)
        days += calendar.validation_sessions_on or ()
    return min([day for day in days if day is not None], default=_NO_ACT)


@attrs.frozen
class Complaint:
    """A complaint to the certification office (BCH) about the migration procedure.

    Attributes:
        filed_at: When the complaint was sent (an aware instant).
        followed_up_at: When the BCH followed it up, if it has.
    """

    filed_at: datetime = required(INSTANT, converter=fixed_offset)
    followed_up_at: datetime | None = optional(INSTANT, converter=fixed_offset)
    #: The Montreal date of the complaint (derived, cached).
    filed_on: date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "filed_on", date_of(self.filed_at))


@attrs.frozen
class MigrationCase(Subject):
    """One request to migrate a clinic's data from one EMR solution to another.

    Only the first five attributes are required; a rule that needs a missing fact reports
    ``insufficient_data`` naming it. Instants are kept with their fixed UTC offset (the same
    instant, written as in JSON).

    Attributes:
        case_id: The case's identifier.
        request_transmitted_at: When the request form was sent (an aware instant).
        source_solution: The current EMR solution (``Omnimed``).
        target_solution: The new EMR solution (``MYLE``).
        practitioners: How many practitioners ("intervenants") the migration covers.
        standard_scope: Whether the migration has the standard scope.
        extraction: The source vendor's extraction.
        import_: The target vendor's import (JSON key ``import``).
        preanalysis: The pre-analysis and its validation.
        read_only_access: The read-only access to the old solution.
        request_form: The request form.
        calendar: The migration calendar.
        complaints: Complaints to the BCH, in the order they were filed.
    """

    kind = "qc.migration.case"
    reference_field = "$.request_transmitted_at"

    case_id: str = required(TEXT)
    request_transmitted_at: datetime = required(INSTANT, converter=fixed_offset)
    source_solution: str = required(TEXT)
    target_solution: str = required(TEXT)
    practitioners: int = required(COUNT)
    standard_scope: bool | None = optional(BOOL)
    extraction: Extraction | None = optional(block(Extraction))
    import_: Import | None = optional(block(Import), key="import")
    preanalysis: Preanalysis | None = optional(block(Preanalysis))
    read_only_access: ReadOnlyAccess | None = optional(block(ReadOnlyAccess))
    request_form: RequestForm | None = optional(block(RequestForm))
    calendar: MigrationCalendar | None = optional(block(MigrationCalendar))
    complaints: tuple[Complaint, ...] | None = optional(
        list_of(block(Complaint), "a list of complaints", "une liste de plaintes"),
        converter=tuple_or_none,
    )
    #: The Montreal date of the request (derived, cached).
    requested_on: date = attrs.field(init=False, eq=False, repr=False)
    #: The certified solutions named by source_solution and target_solution, or None when
    #: a name is not in the directory (derived, cached).
    source: Solution | None = attrs.field(init=False, eq=False, repr=False)
    target: Solution | None = attrs.field(init=False, eq=False, repr=False)
    #: Whether source and target are the same product, by normalized name (derived, cached).
    same_solution: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        set_derived = object.__setattr__
        set_derived(self, "requested_on", date_of(self.request_transmitted_at))
        self._refuse_impossible_facts()
        # find_solution and same_solution, each name normalized once (both are text).
        source, target = normalize_name(self.source_solution), normalize_name(self.target_solution)
        set_derived(self, "source", CERTIFIED_SOLUTIONS.get(source))
        set_derived(self, "target", CERTIFIED_SOLUTIONS.get(target))
        set_derived(self, "same_solution", source == target)

    def _refuse_impossible_facts(self) -> None:
        """Refuse what cannot be true, naming the field: an act dated before the
        request's date, a follow-up before its complaint, a read-only access that ends before
        the import's production date.

        Raises:
            InvalidCaseError: One of them; the first found, by its JSON path.
        """
        requested = self.requested_on
        if _earliest_act(self) < requested:
            self._refuse_acts_before(requested)
        self._refuse_impossible_instants()

    def _refuse_acts_before(self, requested: date) -> None:
        """Raise naming the first act (in the order of the fields) dated before ``requested``."""
        acts: list[tuple[str, date | None]] = []
        if self.extraction is not None:
            acts += [("$.extraction.delivered_on", self.extraction.delivered_on),
                     ("$.extraction.confirmed_on", self.extraction.confirmed_on)]  # fmt: skip
        if self.import_ is not None:
            acts += [("$.import.completed_on", self.import_.completed_on),
                     ("$.import.confirmed_on", self.import_.confirmed_on)]  # fmt: skip
        if self.preanalysis is not None:
            acts += [("$.preanalysis.submitted_on", self.preanalysis.submitted_on),
                     ("$.preanalysis.validated_on", self.preanalysis.validated_on)]  # fmt: skip
        if self.calendar is not None:
            for name in _CALENDAR_ITEMS:
                value = getattr(self.calendar, name)
                if isinstance(value, tuple):
                    acts += [(f"$.calendar.{name}[{i}]", v) for i, v in enumerate(value)]
                else:
                    acts.append((f"$.calendar.{name}", value))
        for path, day in acts:
            if day is not None and day < requested:
                raise InvalidCaseError(
                    path,
                    f"a date on or after the request's date ({requested})",
                    expected_fr=(
                        f"une date égale ou postérieure à celle de la demande ({requested})"
                    ),
                )

    def _refuse_impossible_instants(self) -> None:
        """Raise on a follow-up before its complaint, or an access that ends before the
        import's production date."""
        for index, complaint in enumerate(self.complaints or ()):
            followed = complaint.followed_up_at
            if followed is not None and followed < complaint.filed_at:
                raise InvalidCaseError(
                    f"$.complaints[{index}].followed_up_at",
                    f"an instant on or after the complaint's filing ({complaint.filed_at})",
                    expected_fr=(
                        "un instant égal ou postérieur au dépôt de la plainte "
                        f"({complaint.filed_at})"
                    ),
                )
        migrated = self.import_.completed_on if self.import_ is not None else None
        until = self.read_only_access.until if self.read_only_access is not None else None
        if migrated is not None and until is not None and until < migrated:
            raise InvalidCaseError(
                "$.read_only_access.until",
                f"a date on or after the import's production date ({migrated})",
                expected_fr=f"une date égale ou postérieure à la mise en production ({migrated})",
            )

    @property
    def subject_id(self) -> str:
        """The case's id."""
        return self.case_id

    @property
    def reference_date(self) -> date:
        """The request's Montreal date, which selects the version of the rules."""
        return self.requested_on

    #: Seen before its request was transmitted, nothing of the case has started.
    not_started_reason = "not_yet_requested"

    @property
    def started_at(self) -> datetime:
        """The request's transmission, before which every finding is ``not_applicable``."""
        return self.request_transmitted_at
