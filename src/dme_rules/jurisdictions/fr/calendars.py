"""French business calendars.

- :data:`FRANCE` (id ``france``): Saturdays, Sundays and the public holidays of Code du
  travail art. L.3133-1; the calendar of art. 642 of the Code de procédure civile, which
  extends a time limit ending on « un samedi, un dimanche ou un jour férié ou chômé » to the
  next working day.
- :data:`FRANCE_ALSACE_MOSELLE` (id ``france-alsace-moselle``): the same, with Good Friday and
  26 December.

The holidays are declared on workalendar's framework in
:mod:`~dme_rules.jurisdictions.fr._holiday_declarations`, imported on first use.
"""

from __future__ import annotations

import attrs

from dme_rules.engine.calendar import BusinessCalendar, Holiday

__all__ = ["FRANCE", "FRANCE_ALSACE_MOSELLE", "FrenchHolidays"]


@attrs.frozen
class FrenchHolidays:
    """The public holidays of France or of Alsace-Moselle: the holiday source of a French
    calendar.

    Attributes:
        region: ``france`` or ``alsace-moselle``.
    """

    region: str

    def holidays_by_year(self, first_year: int, last_year: int) -> dict[int, tuple[Holiday, ...]]:
        """The region's holidays of each year of the range, sorted by date."""
        # Imported here so that ``import dme_rules`` does not pay for workalendar.
        from dme_rules.jurisdictions.fr._holiday_declarations import holidays_by_year

        return holidays_by_year(self.region, first_year, last_year)


#: Saturdays, Sundays and the public holidays of Code du travail art. L.3133-1.
FRANCE = BusinessCalendar(
    name="france",
    title_fr="France — jours fériés (Code du travail, art. L.3133-1)",
    title_en="France — public holidays (Labour Code, art. L.3133-1)",
    source=FrenchHolidays("france"),
)

#: :data:`FRANCE` with Good Friday and 26 December (Alsace-Moselle).
FRANCE_ALSACE_MOSELLE = BusinessCalendar(
    name="france-alsace-moselle",
    title_fr="Alsace-Moselle — jours fériés (Code du travail, art. L.3133-1 et droit local)",
    title_en="Alsace-Moselle — public holidays (Labour Code, art. L.3133-1, and local law)",
    source=FrenchHolidays("alsace-moselle"),
)
