"""The DMP record: the subject of the French DMP's rules, and its JSON form.

A :class:`DmpRecord` is a frozen value read as strictly as a Quebec case: unknown or repeated
keys, naive instants, impossible dates and malformed values are refused with their JSON path.
Its JSON carries ``"subject": "fr.dmp.record"`` (required: without it a document is taken for
a Quebec migration case). Instants keep their fixed UTC offset; « the date of » an event is its
date in Paris.

Facts that cannot be true are refused when the record is read: a closure before the
authorization, a purge before the closure, an opposition to emergency access withdrawn before
it was filed, a deposit's announcement consultation, holder information or opening to the
holder dated before the deposit, two deposits or two accesses with one id. A notification
dated before its access is accepted (logs are what they are): it simply does not count for
that access.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from dme_rules.engine.kinds import (
    BOOL,
    DATE,
    INSTANT,
    TEXT,
    Kind,
    block,
    fixed_offset,
    list_of,
    optional,
    required,
    tuple_or_none,
)
from dme_rules.engine.subjects import Subject
from dme_rules.engine.time import SUPPORTED_YEARS
from dme_rules.errors import InvalidArgumentError, InvalidCaseError
from dme_rules.jurisdictions.fr.counting import date_of

__all__ = [
    "ABOUT",
    "RECIPIENTS",
    "Access",
    "Deposit",
    "DmpRecord",
    "EmergencyOpposition",
    "Notification",
    "Opposition",
]

#: Who a notification goes to: the record's holder, or the holder's médecin traitant.
RECIPIENTS = ("holder", "medecin_traitant")
#: What a notification is about.
ABOUT = ("first_access", "emergency_access", "deferred_data")


def one_of(values: tuple[str, ...]) -> Kind:
    """The kind of a code that is one of ``values`` (``holder``, ``first_access``…)."""
    listed = ", ".join(values)
    expected, expected_fr = f"one of {listed}", f"une valeur parmi {listed}"

    def check(value: object, field: str) -> str:
        if isinstance(value, str) and value in values:
            return value
        raise InvalidArgumentError(field, expected, value, expected_fr=expected_fr)

    def parse(value: object, path: str) -> str:
        if isinstance(value, str) and value in values:
            return value
        raise InvalidCaseError(path, expected, expected_fr=expected_fr)

    return Kind(expected, expected_fr, check, parse, schema={"enum": list(values)})


@attrs.frozen
class Opposition:
    """The holder's opposition to deposits in the record.

    Attributes:
        filed_on: When the holder filed it.
        legitimate_motive: Whether it rests on a legitimate motive (R.1111-47: after the holder
            authorized access, only such an opposition binds).
        professional_id: The professional it covers; ``None`` for all professionals.
    """

    filed_on: date = required(DATE)
    legitimate_motive: bool = required(BOOL)
    professional_id: str | None = optional(TEXT)


@attrs.frozen
class EmergencyOpposition:
    """The holder's opposition to access to the record in an emergency (R.1111-48).

    Attributes:
        filed_on: When the holder filed it.
        withdrawn_on: When the holder withdrew it, if they have.
    """

    filed_on: date = required(DATE)
    withdrawn_on: date | None = optional(DATE)


@attrs.frozen
class Deposit:
    """A datum deposited in the record by a professional.

    Attributes:
        deposit_id: The deposit's id, unique in the record.
        at: When it was deposited (an aware instant).
        professional_id: Who deposited it.
        inaccessible: Whether the professional made it provisionally inaccessible to the
            holder, pending an announcement consultation (R.1111-53).
        announcement_on: When the announcement consultation took place, if it has.
        holder_informed_on: When the holder was informed of an update of the record.
        made_accessible_on: When the datum became accessible to the holder.
    """

    deposit_id: str = required(TEXT)
    at: datetime = required(INSTANT, converter=fixed_offset)
    professional_id: str = required(TEXT)
    inaccessible: bool = required(BOOL)
    announcement_on: date | None = optional(DATE)
    holder_informed_on: date | None = optional(DATE)
    made_accessible_on: date | None = optional(DATE)
    #: The deposit's date in Paris (derived, cached).
    deposited_on: date = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "deposited_on", date_of(self.at))


@attrs.frozen
class Access:
    """A professional's access to the record.

    Attributes:
        access_id: The access's id, unique in the record.
        at: When it took place (an aware instant).
        professional_id: Who accessed the record.
        emergency: Whether it was an access in an emergency (L.1111-17, R.1111-48).
    """

    access_id: str = required(TEXT)
    at: datetime = required(INSTANT, converter=fixed_offset)
    professional_id: str = required(TEXT)
    emergency: bool = required(BOOL)


@attrs.frozen
class Notification:
    """A notification the host sent.

    Attributes:
        at: When it was sent (an aware instant).
        recipient: ``holder`` or ``medecin_traitant``.
        about: ``first_access``, ``emergency_access`` or ``deferred_data``.
        access_id: The access it is about, if any.
        deposit_id: The deposit it is about, if any (a notice of an update about a datum made
            inaccessible, R.1111-53).
    """

    at: datetime = required(INSTANT, converter=fixed_offset)
    recipient: str = required(one_of(RECIPIENTS))
    about: str = required(one_of(ABOUT))
    access_id: str | None = optional(TEXT)
    deposit_id: str | None = optional(TEXT)


def _items(cls: type, expected: str, expected_fr: str) -> object:
    return optional(list_of(block(cls), expected, expected_fr), converter=tuple_or_none)


@attrs.frozen
class DmpRecord(Subject):
    """One patient's shared medical record (DMP), as its host's logs show it.

    Only ``record_id`` is required (with the ``subject`` key); a rule that needs a missing fact
    says so, and a rule with nothing to judge is ``not_applicable``.

    Attributes:
        record_id: The record's id.
        authorized_on: When the holder authorized professionals to access the record.
        closed_on: When the record was closed.
        purged_on: When its data was deleted.
        oppositions: The holder's oppositions to deposits.
        emergency_oppositions: The holder's oppositions to access in an emergency.
        deposits: The data deposited.
        accesses: The professionals' accesses.
        notifications: The notifications the host sent.
    """

    kind = "fr.dmp.record"
    schema_name = "dmp-record"
    reference_field = "$.record_id"
    subject_key_required = True

    record_id: str = required(TEXT)
    authorized_on: date | None = optional(DATE)
    closed_on: date | None = optional(DATE)
    purged_on: date | None = optional(DATE)
    oppositions: tuple[Opposition, ...] | None = _items(  # type: ignore[assignment]
        Opposition, "a list of oppositions", "une liste d'oppositions"
    )
    emergency_oppositions: tuple[EmergencyOpposition, ...] | None = _items(  # type: ignore[assignment]
        EmergencyOpposition,
        "a list of oppositions to access in an emergency",
        "une liste d'oppositions à l'accès en urgence",
    )
    deposits: tuple[Deposit, ...] | None = _items(  # type: ignore[assignment]
        Deposit, "a list of deposits", "une liste de versements"
    )
    accesses: tuple[Access, ...] | None = _items(  # type: ignore[assignment]
        Access, "a list of accesses", "une liste d'accès"
    )
    notifications: tuple[Notification, ...] | None = _items(  # type: ignore[assignment]
        Notification, "a list of notifications", "une liste de notifications"
    )

    def __attrs_post_init__(self) -> None:
        self._refuse_impossible_facts()

    def _refuse_impossible_facts(self) -> None:
        """Refuse what cannot be true, naming the field (the first found, in the order of the
        fields)."""
        if self.closed_on and self.authorized_on and self.closed_on < self.authorized_on:
            _refuse("$.closed_on", "the authorization", self.authorized_on)
        if self.purged_on and self.closed_on and self.purged_on < self.closed_on:
            _refuse("$.purged_on", "the closure", self.closed_on)
        for index, opposition in enumerate(self.emergency_oppositions or ()):
            withdrawn = opposition.withdrawn_on
            if withdrawn is not None and withdrawn < opposition.filed_on:
                _refuse(
                    f"$.emergency_oppositions[{index}].withdrawn_on",
                    "the opposition",
                    opposition.filed_on,
                )
        for index, deposit in enumerate(self.deposits or ()):
            for name in ("announcement_on", "holder_informed_on", "made_accessible_on"):
                day = getattr(deposit, name)
                if day is not None and day < deposit.deposited_on:
                    _refuse(f"$.deposits[{index}].{name}", "the deposit", deposit.deposited_on)
        for items, key in ((self.deposits, "deposit_id"), (self.accesses, "access_id")):
            seen: set[str] = set()
            for index, item in enumerate(items or ()):
                identifier = getattr(item, key)
                if identifier in seen:
                    field = "deposits" if key == "deposit_id" else "accesses"
                    raise InvalidCaseError(
                        f"$.{field}[{index}].{key}",
                        f"an id no other item has ({identifier} is given twice)",
                        expected_fr=f"un id qu'aucun autre n'a ({identifier} est donné deux fois)",
                    )
                seen.add(identifier)

    @property
    def subject_id(self) -> str:
        """The record's id."""
        return self.record_id

    @property
    def reference_date(self) -> date:
        """The latest date the record shows (its events' dates in Paris, its authorization,
        closure and purge); each DMP rule judges each event by the version in force on that
        event's date. The first supported day for a record that shows no date."""
        days = [self.authorized_on, self.closed_on, self.purged_on]
        days += [deposit.deposited_on for deposit in self.deposits or ()]
        days += [date_of(access.at) for access in self.accesses or ()]
        days += [date_of(notification.at) for notification in self.notifications or ()]
        return max((day for day in days if day is not None), default=_FIRST_DAY)


_FIRST_DAY = date(SUPPORTED_YEARS[0], 1, 1)


def _refuse(path: str, what: str, earliest: date) -> None:
    what_fr = {"the authorization": "celle de l'autorisation",
               "the closure": "celle de la fermeture", "the deposit": "celle du versement",
               "the opposition": "celle de l'opposition"}[what]  # fmt: skip
    raise InvalidCaseError(
        path,
        f"a date on or after {what} ({earliest})",
        expected_fr=f"une date égale ou postérieure à {what_fr} ({earliest})",
    )
