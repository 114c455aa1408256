"""Quebec business calendars.

- :data:`QUEBEC_CPC`, the default for every legal time limit: Saturdays, Sundays, the holidays
  of the Interpretation Act (art. 61(23)) and 2 January and 26 December (Code of Civil
  Procedure, art. 82).
- :data:`QUEBEC_LNT`: Saturdays, Sundays and the employees' statutory holidays (Act respecting
  labour standards, art. 60, and National Holiday Act); :func:`quebec_lnt` chooses which Easter
  holiday the employer grants.

The holidays are declared on workalendar's framework in
:mod:`~dme_rules.jurisdictions.qc._holiday_declarations`, imported on first use.
"""

from __future__ import annotations

import enum

import attrs

from dme_rules.engine.calendar import BusinessCalendar, Holiday
from dme_rules.errors import InvalidArgumentError

__all__ = [
    "QUEBEC_CPC",
    "QUEBEC_INTERPRETATION_ACT",
    "QUEBEC_LNT",
    "EasterChoice",
    "QuebecHolidays",
    "quebec_lnt",
]


class EasterChoice(enum.StrEnum):
    """Which Easter holiday an employer grants (labour standards, art. 60)."""

    GOOD_FRIDAY = "good_friday"
    EASTER_MONDAY = "easter_monday"
    BOTH = "both"


@attrs.frozen
class QuebecHolidays:
    """The holidays of a Quebec statute: the holiday source of a Quebec calendar.

    Attributes:
        statute: ``cpc`` (Interpretation Act and Code of Civil Procedure), ``li``
            (Interpretation Act alone) or ``lnt`` (Act respecting labour standards and National
            Holiday Act).
        easter: Which Easter holiday is observed (only ``lnt`` offers a choice).
    """

    statute: str
    easter: EasterChoice = EasterChoice.BOTH

    def holidays_by_year(self, first_year: int, last_year: int) -> dict[int, tuple[Holiday, ...]]:
        """The statute's holidays of each year of the range, sorted by date."""
        # Imported here so that ``import dme_rules`` does not pay for workalendar.
        from dme_rules.jurisdictions.qc._holiday_declarations import holidays_by_year

        return holidays_by_year(self.statute, self.easter, first_year, last_year)


def quebec_lnt(easter: EasterChoice | str = EasterChoice.BOTH) -> BusinessCalendar:
    """The labour-standards calendar with the employer's choice of Easter holiday.

    Args:
        easter: ``good_friday``, ``easter_monday`` or ``both`` (the default).

    Raises:
        InvalidArgumentError: ``easter`` is not one of the three choices.
    """
    try:
        choice = EasterChoice(easter)
    except ValueError:
        raise InvalidArgumentError(
            "easter",
            "one of " + ", ".join(c.value for c in EasterChoice),
            easter,
            expected_fr="une valeur parmi " + ", ".join(c.value for c in EasterChoice),
        ) from None
    suffix = "" if choice is EasterChoice.BOTH else f"-{choice.value.replace('_', '-')}"
    return BusinessCalendar(
        name=f"quebec-lnt{suffix}",
        title_fr="Québec — jours fériés et chômés (Loi sur les normes du travail, art. 60)",
        title_en="Quebec — statutory holidays (Act respecting labour standards, s. 60)",
        source=QuebecHolidays("lnt", choice),
    )


#: The default calendar for legal time limits: weekends, Interpretation Act art. 61(23)
#: holidays, and 2 January and 26 December (Code of Civil Procedure art. 82).
QUEBEC_CPC = BusinessCalendar(
    name="quebec-cpc",
    title_fr="Québec — jours fériés (Loi d'interprétation, art. 61; Code de procédure civile, "
    "art. 82)",
    title_en="Quebec — holidays (Interpretation Act, s. 61; Code of Civil Procedure, art. 82)",
    source=QuebecHolidays("cpc"),
)

#: The juridical days of the Interpretation Act: every day but Sundays and the holidays of
#: art. 61(23) (Saturdays, 2 January and 26 December are juridical days). The
#: ``interpretation-act`` reading extends a time limit that ends on a non-juridical day to
#: the next juridical day (art. 52); it is not a calendar of business days for counting.
QUEBEC_INTERPRETATION_ACT = BusinessCalendar(
    name="quebec-interpretation-act",
    title_fr="Québec — jours juridiques (Loi d'interprétation, art. 52 et 61)",
    title_en="Quebec — juridical days (Interpretation Act, ss. 52 and 61)",
    source=QuebecHolidays("li"),
    weekend=frozenset({6}),
)

#: The employees' statutory holidays, with both Good Friday and Easter Monday.
QUEBEC_LNT = quebec_lnt()
