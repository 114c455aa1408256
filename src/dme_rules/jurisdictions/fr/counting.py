"""France's time zone and the computation of time limits of the Code de procédure civile.

- « the date of » an instant is its date in Paris (:data:`PARIS`, ``Europe/Paris``), whatever
  offset it was written in;
- art. 641: « Lorsqu'un délai est exprimé en jours, celui de l'acte, de l'événement, de la
  décision ou de la notification qui le fait courir ne compte pas » (:func:`days_after`);
  « Lorsqu'un délai est exprimé en mois ou en années, ce délai expire le jour du dernier mois
  ou de la dernière année qui porte le même quantième […]. A défaut d'un quantième identique,
  le délai expire le dernier jour du mois » (:func:`months_after_event`,
  :func:`years_after_event`);
- art. 642: « Tout délai expire le dernier jour à vingt-quatre heures » (:func:`end_of_day`);
  « Le délai qui expirerait normalement un samedi, un dimanche ou un jour férié ou chômé est
  prorogé jusqu'au premier jour ouvrable suivant » (:func:`extended`), on :data:`FRANCE`.

Whether a rule extends its time limit (art. 642, second paragraph) is a reading of that rule;
these functions only count.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dme_rules.engine._checks import checked_date, checked_int
from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.engine.time import add_months, as_instant, end_of_day_in
from dme_rules.jurisdictions.fr.calendars import FRANCE

__all__ = [
    "PARIS",
    "date_of",
    "days_after",
    "end_of_day",
    "extended",
    "months_after_event",
    "years_after_event",
]

#: The time zone of every local date and wall-clock time in France (metropolitan).
PARIS = ZoneInfo("Europe/Paris")


def date_of(instant: datetime) -> date:
    """The date in Paris of an aware instant.

    >>> from dme_rules.jurisdictions.fr.counting import date_of
    >>> from datetime import timezone
    >>> date_of(datetime(2024, 3, 30, 23, 30, tzinfo=timezone.utc))  # 00:30 in Paris
    datetime.date(2024, 3, 31)

    Raises:
        NaiveDatetimeError: ``instant`` has no UTC offset.
    """
    return as_instant(instant).astimezone(PARIS).date()


def days_after(event: date, days: int) -> date:
    """The last day of a time limit of ``days`` days from ``event`` (art. 641: the day of the
    event does not count, so the limit ends ``days`` days after it).

    >>> from dme_rules.jurisdictions.fr.counting import days_after
    >>> days_after(date(2024, 5, 2), 14)  # two weeks from a deposit on 2 May
    datetime.date(2024, 5, 16)
    """
    return checked_date(event, "event") + timedelta(days=checked_int(days, "days", minimum=0))


def months_after_event(event: date, months: int) -> date:
    """The last day of a time limit of ``months`` months from ``event`` (art. 641: the day of
    the same number in the last month, or that month's last day when it has none).

    >>> from dme_rules.jurisdictions.fr.counting import months_after_event
    >>> months_after_event(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    return add_months(checked_date(event, "event"), checked_int(months, "months", minimum=0))


def years_after_event(event: date, years: int) -> date:
    """The last day of a time limit of ``years`` years from ``event`` (art. 641: the same day
    number; 28 February for a 29 February when the last year has none).

    >>> from dme_rules.jurisdictions.fr.counting import years_after_event
    >>> years_after_event(date(2024, 2, 29), 10)
    datetime.date(2034, 2, 28)
    """
    return add_months(checked_date(event, "event"), 12 * checked_int(years, "years", minimum=0))


def extended(last_day: date, calendar: BusinessCalendar = FRANCE) -> date:
    """``last_day``, or the first working day after it when it is a Saturday, a Sunday or a
    public holiday of ``calendar`` (art. 642, second paragraph).

    >>> from dme_rules.jurisdictions.fr.counting import extended
    >>> extended(date(2024, 5, 18))  # a Saturday, then Whit Monday: Tuesday
    datetime.date(2024, 5, 21)
    """
    return calendar.roll_forward(checked_date(last_day, "last_day"))


def end_of_day(day: date) -> datetime:
    """24:00 in Paris of ``day`` (art. 642: « Tout délai expire le dernier jour à vingt-quatre
    heures »), as an instant: 00:00 of the next day.

    >>> from dme_rules.jurisdictions.fr.counting import end_of_day
    >>> end_of_day(date(2024, 3, 30)).isoformat()  # the night the clocks go forward
    '2024-03-31T00:00:00+01:00'
    """
    return end_of_day_in(checked_date(day, "day"), PARIS)
