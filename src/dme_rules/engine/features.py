"""What a pack offers the applications beyond evaluating its subjects.

The applications (the command line, the audit, the service, the plots) know no jurisdiction:
they ask each pack (:class:`~dme_rules.engine.jurisdiction.Jurisdiction`). Besides its zone,
calendars, subjects, rules and words, a pack may offer:

- :class:`CalendarName`: a calendar as the command line names it (``--calendar cpc``), with
  the option that picks one of its variants, if it has some;
- a function of :class:`Deadlines`: every deadline a new subject sets going, from the instant
  it starts (what ``dme-rules deadlines`` and ``GET /v1/deadlines`` show);
- a :class:`Timeline`: how its findings are drawn on one time axis;
- a :class:`LogAudit`: an audit of its event logs at scale, a command of its own;
- :class:`Example`: a complete document and the instant to judge it at, shown in the service's
  documentation.

Each one's words (help, headings, row names) are in the pack's message catalogue under the
codes its documentation names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

import attrs

from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.findings import Finding
from dme_rules.engine.subjects import Subject
from dme_rules.errors import InvalidArgumentError

__all__ = ["CalendarName", "Deadlines", "Example", "LogAudit", "Timeline"]


def _copied(value: Mapping[str, Any]) -> Mapping[str, Any]:
    """A copy of ``value`` (a plain dict, so that the value pickles; read-only by its type)."""
    return dict(value)


@attrs.frozen
class CalendarName:
    """A calendar as the command line names it.

    Its words are the pack's message ``calendar.names`` (one phrase for all its names, in the
    ``--calendar`` help) and, for an option, ``calendar.option.<option>``.

    Attributes:
        name: The short name (``cpc``). A pack that names none of its calendars offers
            them on the command line by their ids.
        calendar: The calendar, or its default variant.
        option: The option that picks a variant (``easter`` for ``--easter``), or ``None``.
        variants: Each variant by the option's value (``good_friday``).
    """

    name: str
    calendar: BusinessCalendar
    option: str | None = None
    variants: Mapping[str, BusinessCalendar] = attrs.field(factory=dict, converter=_copied)

    def pick(self, variant: str | None) -> BusinessCalendar:
        """The calendar of ``variant`` (the default one for ``None``).

        Raises:
            InvalidArgumentError: An unknown variant, or one for a name without variants.
        """
        if variant is None:
            return self.calendar
        found = self.variants.get(variant)
        if found is None:
            choices = ", ".join(self.variants) or "none"
            raise InvalidArgumentError(
                self.option or "variant", f"one of {choices}", variant,
                expected_fr=f"une valeur parmi {choices}",
            )  # fmt: skip
        return found


class Deadlines(Protocol):
    """Every deadline a new subject sets going (a request's official start, its extraction
    and import due dates). Its words are the pack's messages ``deadlines.heading`` (with
    ``{started}``, the start in the pack's local time) and ``deadlines.<code>`` for each row."""

    @property
    def started_at(self) -> datetime:
        """The instant the subject started (a request's transmission)."""
        ...  # pragma: no cover

    def rows(self) -> Sequence[tuple[str, date, str | None]]:
        """Each deadline as its code, its date and the id of the reading that counted it."""
        ...  # pragma: no cover

    def to_dict(self) -> Mapping[str, object]:
        """The JSON answer (``dme-rules deadlines --format json``, ``GET /v1/deadlines``)."""
        ...  # pragma: no cover

    def rule_of(self, code: str) -> str | None:
        """The id of the rule whose deadline the row ``code`` is, or ``None`` for a row that
        is no deadline (a count's day 1): each deadline is an event of the iCalendar."""
        ...  # pragma: no cover


#: A pack's function of the deadlines a subject started at an instant sets going, with the
#: readings chosen (values or ids).
DeadlinesOf = Callable[[datetime, Sequence[Any]], Deadlines]


class Timeline(Protocol):
    """How a pack's findings are drawn on one time axis: a row per finding that has a due
    date, its period from :meth:`start` to its due date. The picture's own words are the
    pack's messages ``timeline.started`` (the subject's start, a vertical line),
    ``timeline.marks`` (the row of :meth:`marks`), ``timeline.mark`` (a mark, in the legend)
    and ``timeline.axis`` (the axis, in the pack's local time)."""

    @property
    def subjects(self) -> tuple[type[Subject], ...]:
        """The kinds of subject it draws."""
        ...  # pragma: no cover

    def start(self, finding: Finding, subject: Subject) -> date:
        """The local date the period of ``finding`` starts."""
        ...  # pragma: no cover

    def marks(self, subject: Subject) -> tuple[date, ...]:
        """The dates the subject states (a migration calendar's), drawn on a row of their
        own; none by default."""
        ...  # pragma: no cover

    def row_name(self, finding: Finding, title: str, lang: str) -> str:
        """The name of the finding's row (its rule's ``title``, numbered where a rule has
        several findings)."""
        ...  # pragma: no cover

    @property
    def marks_rule(self) -> str | None:
        """The id of the rule whose finding judges the dates of :meth:`marks` (their row
        takes its status's colour), or ``None``."""
        ...  # pragma: no cover

    def marks_at_fault(self, finding: Finding, subject: Subject) -> tuple[date, ...]:
        """The dates of :meth:`marks` that ``finding`` (of :attr:`marks_rule`) holds wrong,
        each marked on their row."""
        ...  # pragma: no cover


@attrs.frozen
class LogAudit:
    """A pack's audit of its event logs at scale, run by the command :attr:`command`.

    Its words are the pack's messages ``logs.help``, ``logs.description`` and
    ``logs.table.<table>`` (each table's option).

    Attributes:
        command: The command's name (``dmp-audit``).
        tables: The tables it reads, each an option of the command (``--accesses FILE``).
        audit: ``audit(tables, *, as_of, engine, readings, progress)``: the tables by name
            (Parquet paths, Arrow tables or pandas DataFrames), the instant, the engine's
            name (or a Spark session or master URL), the readings, and a function it calls
            with each step (``progress(step, **values)``: ``checking``, then ``judging`` with
            ``rules``, the ids of the rules judged next); returns an Arrow table with at
            least the columns ``rule_id`` and ``status``.
        needs: The tables each rule reads, by rule id. When given, any table may be left
            out: the rules whose tables are not all given are not run, and the command says
            which; when empty, every table is required.
    """

    command: str
    tables: tuple[str, ...]
    audit: Callable[..., Any]
    needs: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_copied)

    def not_run(self, given: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The rules that the tables ``given`` do not let run, each with the tables missing."""
        have = set(given)
        return {
            rule_id: tuple(table for table in tables if table not in have)
            for rule_id, tables in self.needs.items()
            if not have.issuperset(tables)
        }


@attrs.frozen
class Example:
    """A complete document of a pack's default subject and the instant to judge it at, shown
    in the service's documentation.

    Attributes:
        document: The document's JSON.
        as_of: The instant, as ISO text with its offset.
    """

    document: Mapping[str, Any]
    as_of: str
