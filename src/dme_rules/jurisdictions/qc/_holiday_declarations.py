"""Quebec holiday declarations on workalendar's calendar framework.

This is the only module of the Quebec pack that imports :mod:`workalendar`. It is imported
lazily, the first time a Quebec calendar builds its table, so that ``import dme_rules`` stays
cheap. To replace workalendar, rewrite this module: the rest of the library only calls
:func:`holidays_by_year`.

workalendar's ready-made ``Quebec`` class is deliberately not used: it has no Good Friday, shifts
24 June and 1 July off weekends and names the May holiday "Victoria Day". The classes below use
the framework's Easter computus and weekday helpers and declare each holiday with the law that
makes it one. Labels are keys of :data:`HOLIDAY_NAMES`.

Statutes cited (Quebec):

- L.I.: Loi d'interprétation, RLRQ c. I-16, art. 61, par. 23 (« jour férié »).
- C.p.c.: Code de procédure civile, RLRQ c. C-25.01, art. 82 (2 janvier, 26 décembre).
- L.N.T.: Loi sur les normes du travail, RLRQ c. N-1.1, art. 60 (jours fériés et chômés).
- L.F.N.: Loi sur la fête nationale, RLRQ c. F-1.1 (24 juin; 25 juin when 24 June is a Sunday).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workalendar.core import MON, SUN, WesternCalendar

from dme_rules.engine.calendar import Holiday

#: The year from which the Monday before 25 May is the Journée nationale des patriotes. The day
#: is a holiday under L.I. art. 61(23) as a day fixed by proclamation or decree: the
#: Sovereign's birthday, fixed by proclamation on the Monday before 25 May (Fête de Dollard /
#: Victoria Day), until 2002; the Journée nationale des patriotes, fixed on the same Monday by
#: decree of the Government of Quebec (2002), from 2003.
PATRIOTES_NAME_FROM = 2003

#: French and English names of each holiday, by the key the declarations use as a label.
HOLIDAY_NAMES: dict[str, tuple[str, str]] = {
    "new_year": ("Jour de l'An", "New Year's Day"),
    "day_after_new_year": ("Lendemain du jour de l'An", "Day after New Year's Day"),
    "good_friday": ("Vendredi saint", "Good Friday"),
    "easter_monday": ("Lundi de Pâques", "Easter Monday"),
    "patriotes": ("Journée nationale des patriotes", "National Patriots' Day"),
    "dollard": ("Fête de Dollard", "Victoria Day"),
    "fete_nationale": ("Fête nationale du Québec", "Quebec National Holiday"),
    "canada_day": ("Fête du Canada", "Canada Day"),
    "labour_day": ("Fête du Travail", "Labour Day"),
    "thanksgiving": ("Action de grâce", "Thanksgiving Day"),
    "christmas": ("Noël", "Christmas Day"),
    "day_after_christmas": ("Lendemain de Noël", "Day after Christmas"),
}


class _QuebecHolidayDeclarations(WesternCalendar):
    """The holidays every Quebec statute used here shares (helpers for the two calendars)."""

    # New Year's Day and Christmas are declared explicitly, with the keys of HOLIDAY_NAMES.
    include_new_years_day = False
    include_christmas = False

    def monday_before_may_25(self, year: int) -> tuple[date, str]:
        """The Monday before 25 May, 18 to 24 May: a day fixed by proclamation or decree
        (L.I. art. 61(23), see :data:`PATRIOTES_NAME_FROM`); L.N.T. art. 60 names it."""
        day = self.get_nth_weekday_in_month(year, 5, MON, 1, start=date(year, 5, 18))
        return day, ("patriotes" if year >= PATRIOTES_NAME_FROM else "dollard")

    @staticmethod
    def canada_day(year: int) -> tuple[date, str]:
        """1 July, or 2 July when 1 July is a Sunday (L.I. art. 61(23); L.N.T. art. 60)."""
        day = date(year, 7, 1)
        return (date(year, 7, 2) if day.weekday() == SUN else day), "canada_day"

    def common_variable_days(self, year: int) -> list[tuple[date, str]]:
        return [
            self.monday_before_may_25(year),
            self.canada_day(year),
            # First Monday of September (L.I. art. 61(23); L.N.T. art. 60).
            (self.get_nth_weekday_in_month(year, 9, MON, 1), "labour_day"),
            # Second Monday of October (L.I. art. 61(23); L.N.T. art. 60).
            (self.get_nth_weekday_in_month(year, 10, MON, 2), "thanksgiving"),
        ]


class QuebecInterpretationActCalendar(_QuebecHolidayDeclarations):
    """The holidays of the Interpretation Act, art. 61(23) (besides Sundays, which a calendar
    of juridical days declares as its weekend).

    No weekend shifting other than 1 July to 2 July, which the Act itself provides.
    """

    FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
        (1, 1, "new_year"),  # L.I. art. 61(23)
        (6, 24, "fete_nationale"),  # L.I. art. 61(23); not moved when it is a Sunday
        (12, 25, "christmas"),  # L.I. art. 61(23)
    )

    def get_variable_days(self, year: int) -> list[tuple[date, str]]:
        days: list[tuple[date, str]] = super().get_variable_days(year)
        days += [
            (self.get_good_friday(year), "good_friday"),  # L.I. art. 61(23)
            (self.get_easter_monday(year), "easter_monday"),  # L.I. art. 61(23)
        ]
        return days + self.common_variable_days(year)


class QuebecCivilProcedureCalendar(QuebecInterpretationActCalendar):
    """Holidays for legal time limits: Interpretation Act art. 61(23) and C.p.c. art. 82."""

    FIXED_HOLIDAYS = (
        *QuebecInterpretationActCalendar.FIXED_HOLIDAYS,
        (1, 2, "day_after_new_year"),  # C.p.c. art. 82
        (12, 26, "day_after_christmas"),  # C.p.c. art. 82
    )


class QuebecLabourStandardsCalendar(_QuebecHolidayDeclarations):
    """Employees' statutory holidays: L.N.T. art. 60 and the National Holiday Act.

    Args:
        easter: Which Easter holiday the employer grants (L.N.T. art. 60 leaves the choice):
            ``good_friday``, ``easter_monday`` or ``both`` (an ``EasterChoice`` value).
    """

    FIXED_HOLIDAYS = (
        (1, 1, "new_year"),  # L.N.T. art. 60
        (12, 25, "christmas"),  # L.N.T. art. 60
    )

    def __init__(self, easter: str = "both", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.easter = easter

    def get_variable_days(self, year: int) -> list[tuple[date, str]]:
        days: list[tuple[date, str]] = super().get_variable_days(year)
        # Good Friday or Easter Monday, at the employer's choice (L.N.T. art. 60).
        if self.easter in ("good_friday", "both"):
            days.append((self.get_good_friday(year), "good_friday"))
        if self.easter in ("easter_monday", "both"):
            days.append((self.get_easter_monday(year), "easter_monday"))
        # 24 June, or 25 June for employees when 24 June is a Sunday (L.F.N.).
        june_24 = date(year, 6, 24)
        days.append((date(year, 6, 25) if june_24.weekday() == SUN else june_24, "fete_nationale"))
        return days + self.common_variable_days(year)


def declaration(statute: str, easter: str) -> WesternCalendar:
    """The workalendar calendar object that declares ``statute``'s holidays."""
    if statute == "cpc":
        return QuebecCivilProcedureCalendar()
    if statute == "li":
        return QuebecInterpretationActCalendar()
    if statute == "lnt":
        return QuebecLabourStandardsCalendar(easter=easter)
    raise ValueError(f"unknown statute {statute!r}")  # unreachable through the public API


def holidays_by_year(
    statute: str, easter: str, first_year: int, last_year: int
) -> dict[int, tuple[Holiday, ...]]:
    """The holidays ``statute`` declares in each year of a range, sorted by date."""
    calendar = declaration(statute, easter)
    return {
        year: tuple(Holiday(day, *HOLIDAY_NAMES[key]) for day, key in calendar.holidays(year))
        for year in range(first_year, last_year + 1)
    }
