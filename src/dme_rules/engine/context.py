"""The circumstances of one evaluation: the instant, the zone, the calendar, the readings."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date, datetime, tzinfo
from typing import Any, TypeVar

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.clock import BusinessClock, OfficeSchedule
from dme_rules.engine.readings import Reading
from dme_rules.engine.time import as_instant, day_seen, last_instant_seen
from dme_rules.errors import InvalidArgumentError

__all__ = ["Context", "check_options"]

T = TypeVar("T")

#: How many values a context remembers for the whole run (:meth:`Context.remembered`) before
#: it starts afresh: the subjects of a run share few dates, and memory stays bounded.
_RUN_VALUES_KEPT = 1 << 14


def check_options(
    calendar: object, readings: Iterable[Reading], schedule: object
) -> tuple[Reading, ...]:
    """Check the options of an evaluation (a calendar, or None for the jurisdiction's; readings;
    a schedule or None) and return the readings as a tuple.

    Raises:
        InvalidArgumentError: One of them has the wrong type; the error names it.
    """
    if calendar is not None and not isinstance(calendar, BusinessCalendar):
        raise InvalidArgumentError(
            "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
        )
    if type(readings) is tuple and not readings:  # the usual evaluation: no choice
        chosen: tuple[Reading, ...] = ()
    elif isinstance(readings, (str, Reading)) or not isinstance(readings, Iterable):
        raise InvalidArgumentError(
            "readings", "an iterable of Reading values or reading ids", readings,
            expected_fr="un itérable de Reading ou d'ids de lecture",
        )  # fmt: skip
    else:
        values = tuple(readings)
        for reading in values:
            if not isinstance(reading, Reading):
                raise InvalidArgumentError(
                    "readings", "Reading values or reading ids", reading,
                    expected_fr="des Reading ou des ids de lecture",
                )  # fmt: skip
        chosen = tuple(dict.fromkeys(values))  # each once, in the caller's order
    topics: dict[str, Reading] = {}
    for reading in chosen:
        if not isinstance(reading, Reading):
            raise InvalidArgumentError(
                "readings", "Reading values or reading ids", reading,
                expected_fr="des Reading ou des ids de lecture",
            )  # fmt: skip
        other = topics.setdefault(reading.topic, reading)
        if other is not reading:
            raise InvalidArgumentError(
                "readings",
                f"at most one reading of each topic ({reading.topic}: {other.id} or {reading.id})",
                reading.id,
                expected_fr=(
                    f"au plus une lecture par sujet ({reading.topic} : {other.id} ou {reading.id})"
                ),
            )
    if schedule is not None and not isinstance(schedule, OfficeSchedule):
        raise InvalidArgumentError(
            "schedule", "an OfficeSchedule", schedule, expected_fr="un OfficeSchedule"
        )
    return chosen


@attrs.frozen
class Context:
    """The circumstances of one evaluation: the instant, the calendar, the chosen readings.

    Attributes:
        as_of: The instant the subject is seen at (aware); acts dated after it are ignored.
        today: The last day whose acts the evaluation sees: the local date of ``as_of`` in
            ``zone``, or the day before at local midnight, its 24:00 (:func:`day_seen`).
        zone: The jurisdiction's time zone, for every local date and wall-clock time.
        calendar: The business calendar.
        readings: Alternative readings the caller chose, applied where a rule allows them.
        schedule: The opening hours for a reading that counts in office hours (the reading's
            own default if None).
        calendar_given: Whether the caller gave the calendar (a clinic's closures), which then
            counts in place of the one a reading of business days selects.
    """

    as_of: datetime
    today: date
    zone: tzinfo
    calendar: BusinessCalendar
    readings: tuple[Reading, ...] = ()
    schedule: OfficeSchedule | None = None
    calendar_given: bool = False

    _clocks: dict[OfficeSchedule, BusinessClock] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    #: Where each clock stands at ``as_of`` (the same for every subject of the context).
    _positions: dict[OfficeSchedule, int] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    #: The last subject seen (by :meth:`has_started` or :meth:`shared`), whether it had
    #: started at ``as_of``, and what the rules computed on it for the rules after them: one
    #: tuple, replaced whole, so that a context shared by several evaluations (one per run,
    #: see :func:`~dme_rules.engine.evaluation.evaluate`) never mixes two subjects' values.
    _subject: list[tuple[Any, bool, dict[int, Any]]] = attrs.field(
        factory=lambda: [(None, True, {})], init=False, eq=False, repr=False
    )
    #: The last instant whose acts the evaluation sees: ``as_of``; at local midnight, which is
    #: 24:00 of ``today``, the instant just before it (an act stamped 00:00 is the next day's,
    #: as an act dated that day is: :func:`~dme_rules.engine.time.day_seen`).
    seen_until: datetime = attrs.field(init=False, eq=False, repr=False)
    #: What the rules computed from a date alone, for every subject of the run (see
    #: :meth:`remembered`).
    _run_values: dict[tuple[int, int, Hashable], tuple[object, object, Any]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        seen = last_instant_seen(self.as_of, self.zone, self.today)
        object.__setattr__(self, "seen_until", seen)

    def sees(self, instant: datetime) -> bool:
        """Whether an act stamped ``instant`` had happened as the evaluation sees the subject
        (at most :attr:`seen_until`)."""
        return instant <= self.seen_until

    @classmethod
    def at(
        cls,
        as_of: datetime,
        *,
        zone: tzinfo,
        calendar: BusinessCalendar,
        readings: Iterable[Reading] = (),
        schedule: OfficeSchedule | None = None,
        calendar_given: bool = False,
    ) -> Context:
        """The context of an evaluation at ``as_of`` in ``zone`` (``calendar_given``: the
        caller gave ``calendar``, rather than a reading selecting it).

        Raises:
            NaiveDatetimeError: ``as_of`` has no UTC offset.
            InvalidArgumentError: ``calendar``, a reading or ``schedule`` has the wrong type.
        """
        instant = as_instant(as_of, "as_of")
        if calendar is None:  # a context has its calendar; only the jurisdiction may default it
            raise InvalidArgumentError(
                "calendar", "a BusinessCalendar", calendar, expected_fr="un BusinessCalendar"
            )
        chosen = check_options(calendar, readings, schedule)
        today = day_seen(instant, zone)
        return cls(instant, today, zone, calendar, chosen, schedule, calendar_given)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its value: the clocks are caches, rebuilt on use.
        return type(self), (
            self.as_of,
            self.today,
            self.zone,
            self.calendar,
            self.readings,
            self.schedule,
            self.calendar_given,
        )

    def with_as_of(self, as_of: datetime) -> Context:
        """The same zone, calendar, readings and schedule at another instant, sharing this
        context's clocks and what it remembered from dates alone (:meth:`remembered`), which
        the instant does not change.

        Raises:
            NaiveDatetimeError: ``as_of`` has no UTC offset.
        """
        instant = as_instant(as_of, "as_of")
        moved = attrs.evolve(self, as_of=instant, today=day_seen(instant, self.zone))
        object.__setattr__(moved, "_clocks", self._clocks)
        object.__setattr__(moved, "_run_values", self._run_values)
        return moved

    def clock(self, window: OfficeSchedule) -> BusinessClock:
        """The business-hour clock that runs inside ``window`` on this context's calendar,
        built once per context."""
        found = self._clocks.get(window)
        if found is None:
            found = self._clocks[window] = BusinessClock.of(window, self.calendar, self.zone)
        return found

    def has_started(self, subject: Any) -> bool:
        """Whether the obligations of ``subject`` had started at ``as_of``: always for a
        subject without a start (``started_at`` is ``None``), else once the evaluation sees
        that instant (:meth:`sees`: a start at 00:00 is not seen at 24:00 of the day
        before)."""
        seen, started, _ = self._subject[0]
        if seen is not subject:
            started = self._see(subject)[1]
        return started

    def _see(self, subject: Any) -> tuple[Any, bool, dict[int, Any]]:
        """Make ``subject`` the one this context's per-subject values are of: whether it had
        started at ``as_of`` (comparing two aware instants looks up both UTC offsets, asked
        once instead of once per rule), and nothing computed on it yet."""
        started_at = subject.started_at
        found: tuple[Any, bool, dict[int, Any]] = (
            subject,
            started_at is None or started_at <= self.seen_until,
            {},
        )
        self._subject[0] = found
        return found

    def shared(
        self, subject: object, rule: object, version: object, compute: Callable[..., T], *args: Any
    ) -> T:
        """``compute(*args)``, computed once per subject, rule and version in this context: a
        rule that needs what an earlier rule computed on the same subject (the calendar rule,
        the deadlines' due dates) finds it here. Only the last subject's values are kept.

        The value belongs to the ``rule`` object and ``version`` object that computed it
        (another rule with the same id, a caller's evolved rule, never sees it); ``compute``
        must give the same value for the same subject, rule, version and context (the rules
        are pure). A context may serve several evaluations, in several threads (``evaluate``
        keeps one per run, ``evaluate_many`` one per stream): a subject's values are kept in
        one tuple with it, replaced whole, so that evaluations of two subjects at once each
        compute their own and never see the other's.
        """
        seen, _, values = self._subject[0]
        if seen is not subject:
            _, _, values = self._see(subject)
        # Kept by the version's id, with the rule and the version that computed it: a
        # value is found only by those two objects (another rule with the same versions, a
        # caller's evolved rule, computes its own in their place).
        key = id(version)
        found = values.get(key)
        if found is not None and found[0] is rule and found[1] is version:
            value: T = found[2]
            return value
        value = compute(*args)
        values[key] = (rule, version, value)
        return value

    def remembered(
        self,
        rule: object,
        version: object,
        key: Hashable,
        compute: Callable[..., T],
        *args: Any,
    ) -> T:
        """``compute(*args)``, computed once per ``rule``, ``version`` and ``key`` in this
        context, whatever the subject: for what a version computes from a date alone (a
        period's end from a request's date, the access required from a migration's), which
        the subjects of a run share. ``compute`` must give the same value for the same rule,
        version, key, calendar and readings, whatever the instant (contexts moved to another
        instant share these values, :meth:`with_as_of`), and the value must be immutable.

        As with :meth:`shared`, the value belongs to the ``rule`` and ``version`` objects
        that computed it (kept with it while it is kept).
        """
        values = self._run_values
        slot = (id(rule), id(version), key)
        found = values.get(slot)
        if found is not None and found[0] is rule and found[1] is version:
            value: T = found[2]
            return value
        value = compute(*args)
        if len(values) >= _RUN_VALUES_KEPT:
            values.clear()
        values[slot] = (rule, version, value)
        return value

    def position(self, window: OfficeSchedule) -> int:
        """Where the clock of ``window`` stands at ``as_of`` (found once per context)."""
        found = self._positions.get(window)
        if found is None:
            found = self._positions[window] = self.clock(window).position(self.as_of)
        return found
