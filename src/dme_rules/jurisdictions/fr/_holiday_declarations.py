"""French public holidays on workalendar's calendar framework.

The only module of the French pack that imports :mod:`workalendar`, lazily, the first time a
French calendar builds its table. workalendar's ready-made ``France`` classes are not used:
the classes below declare each holiday with the law that makes it one, with the keys of
:data:`HOLIDAY_NAMES` as labels, on the framework's Easter computus.

Law cited:

- C. trav.: Code du travail, art. L.3133-1 (« Les fêtes légales ci-après désignées sont des
  jours fériés »), which lists Whit Monday every year, also 2005–2007, when it was by default
  the « journée de solidarité » (a day worked, but still a public holiday in the list);
- Alsace-Moselle: Good Friday and 26 December, which the local law of the three départements
  adds (« En Alsace-Moselle s'y ajoutent le Vendredi saint et le 26 décembre »).
"""

from __future__ import annotations

from datetime import date

from workalendar.core import WesternCalendar

from dme_rules.engine.calendar import Holiday

#: French and English names of each holiday, by the key the declarations use as a label.
HOLIDAY_NAMES: dict[str, tuple[str, str]] = {
    "new_year": ("Jour de l'An", "New Year's Day"),
    "good_friday": ("Vendredi saint", "Good Friday"),
    "easter_monday": ("Lundi de Pâques", "Easter Monday"),
    "labour_day": ("Fête du Travail", "Labour Day"),
    "victory_1945": ("Victoire 1945", "Victory in Europe Day"),
    "ascension": ("Ascension", "Ascension Day"),
    "whit_monday": ("Lundi de Pentecôte", "Whit Monday"),
    "national_day": ("Fête nationale", "Bastille Day"),
    "assumption": ("Assomption", "Assumption Day"),
    "all_saints": ("Toussaint", "All Saints' Day"),
    "armistice": ("Armistice 1918", "Armistice Day"),
    "christmas": ("Noël", "Christmas Day"),
    "st_stephen": ("Saint-Étienne", "St Stephen's Day"),
}


class FrenchHolidayDeclarations(WesternCalendar):
    """The public holidays of Code du travail art. L.3133-1."""

    include_new_years_day = False  # declared below, with the keys of HOLIDAY_NAMES
    include_christmas = False

    FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
        (1, 1, "new_year"),  # L.3133-1: le 1er janvier
        (5, 1, "labour_day"),  # le 1er mai
        (5, 8, "victory_1945"),  # le 8 mai
        (7, 14, "national_day"),  # le 14 juillet
        (8, 15, "assumption"),  # l'Assomption
        (11, 1, "all_saints"),  # la Toussaint
        (11, 11, "armistice"),  # le 11 novembre
        (12, 25, "christmas"),  # le jour de Noël
    )

    def get_variable_days(self, year: int) -> list[tuple[date, str]]:
        days: list[tuple[date, str]] = super().get_variable_days(year)
        return [
            *days,
            (self.get_easter_monday(year), "easter_monday"),  # le lundi de Pâques
            (self.get_ascension_thursday(year), "ascension"),  # l'Ascension
            (self.get_whit_monday(year), "whit_monday"),  # le lundi de Pentecôte
        ]


class AlsaceMoselleHolidayDeclarations(FrenchHolidayDeclarations):
    """L.3133-1 and the two days the local law of Alsace-Moselle adds."""

    FIXED_HOLIDAYS = (
        *FrenchHolidayDeclarations.FIXED_HOLIDAYS,
        (12, 26, "st_stephen"),  # le 26 décembre (Alsace-Moselle)
    )

    def get_variable_days(self, year: int) -> list[tuple[date, str]]:
        days = super().get_variable_days(year)
        return [*days, (self.get_good_friday(year), "good_friday")]  # le Vendredi saint


def holidays_by_year(
    region: str, first_year: int, last_year: int
) -> dict[int, tuple[Holiday, ...]]:
    """The holidays of ``region`` (``france`` or ``alsace-moselle``) in each year of a range,
    sorted by date."""
    calendar = (
        AlsaceMoselleHolidayDeclarations()
        if region == "alsace-moselle"
        else FrenchHolidayDeclarations()
    )
    return {
        year: tuple(Holiday(day, *HOLIDAY_NAMES[key]) for day, key in calendar.holidays(year))
        for year in range(first_year, last_year + 1)
    }
