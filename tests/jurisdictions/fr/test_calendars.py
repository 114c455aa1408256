"""The French calendars against an independent oracle, day by day, 1990–2100 (SPEC §14)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import holidays as holidays_package
import pytest

from dme_rules.cli import main
from dme_rules.engine.calendar import BusinessCalendar
from dme_rules.jurisdictions import JURISDICTIONS
from dme_rules.jurisdictions.fr.calendars import FRANCE, FRANCE_ALSACE_MOSELLE

ORACLE_YEARS = range(1990, 2101)

#: Whit Monday of 2005–2007, the « journée de solidarité » years: L.3133-1 lists it every year,
#: the ``holidays`` package leaves it out of those three (the SPEC adds it back).
SOLIDARITY_WHIT_MONDAYS = {date(2005, 5, 16), date(2006, 6, 5), date(2007, 5, 28)}


def oracle(year: int, subdiv: str | None = None) -> set[date]:
    """France's public holidays from the ``holidays`` package (Alsace-Moselle: subdivision
    57, Moselle), with the three Whit Mondays it leaves out."""
    found = set(holidays_package.France(years=year, subdiv=subdiv))
    return found | {day for day in SOLIDARITY_WHIT_MONDAYS if day.year == year}


def mismatches(calendar: BusinessCalendar, holidays: set[date], year: int) -> list[str]:
    found = []
    day = date(year, 1, 1)
    while day.year == year:
        expected = day.weekday() < 5 and day not in holidays
        if calendar.is_business_day(day) != expected:
            found.append(f"{day} ({day:%a}): expected business day = {expected}")
        day += timedelta(days=1)
    return found


class TestOracle:
    def test_france_every_day(self):
        assert [m for y in ORACLE_YEARS for m in mismatches(FRANCE, oracle(y), y)] == []

    def test_alsace_moselle_every_day(self):
        found = [
            m for y in ORACLE_YEARS for m in mismatches(FRANCE_ALSACE_MOSELLE, oracle(y, "57"), y)
        ]
        assert found == []

    def test_the_holidays_are_the_oracles_on_weekdays_and_weekends(self):
        """Not only the business days: the holiday list itself, weekends included."""
        for year in (1990, 2005, 2024, 2100):
            assert {h.date for h in FRANCE.holidays(year)} == oracle(year)
            assert {h.date for h in FRANCE_ALSACE_MOSELLE.holidays(year)} == oracle(year, "57")


class TestDeclarations:
    def test_2024_by_hand(self):
        """Code du travail L.3133-1, 2024 (Easter Sunday 31 March)."""
        assert [(h.date.isoformat(), h.name_fr) for h in FRANCE.holidays(2024)] == [
            ("2024-01-01", "Jour de l'An"),
            ("2024-04-01", "Lundi de Pâques"),  # Easter + 1
            ("2024-05-01", "Fête du Travail"),
            ("2024-05-08", "Victoire 1945"),
            ("2024-05-09", "Ascension"),  # Easter + 39
            ("2024-05-20", "Lundi de Pentecôte"),  # Easter + 50
            ("2024-07-14", "Fête nationale"),
            ("2024-08-15", "Assomption"),
            ("2024-11-01", "Toussaint"),
            ("2024-11-11", "Armistice 1918"),
            ("2024-12-25", "Noël"),
        ]

    def test_alsace_moselle_adds_two_days(self):
        added = {h.date for h in FRANCE_ALSACE_MOSELLE.holidays(2024)} - {
            h.date for h in FRANCE.holidays(2024)
        }
        assert added == {date(2024, 3, 29), date(2024, 12, 26)}  # Good Friday, 26 December

    @pytest.mark.parametrize("whit_monday", sorted(SOLIDARITY_WHIT_MONDAYS))
    def test_whit_monday_in_the_solidarity_years(self, whit_monday):
        assert not FRANCE.is_business_day(whit_monday)
        names = {h.date: h.name_en for h in FRANCE.holidays(whit_monday.year)}
        assert names[whit_monday] == "Whit Monday"

    def test_every_holiday_has_both_names(self):
        for calendar in (FRANCE, FRANCE_ALSACE_MOSELLE):
            for year in (1990, 2024, 2100):
                for holiday in calendar.holidays(year):
                    assert holiday.name_fr
                    assert holiday.name_en

    def test_the_pack_declares_both_france_first(self):
        assert JURISDICTIONS["fr"].calendars == (FRANCE, FRANCE_ALSACE_MOSELLE)
        assert JURISDICTIONS["fr"].calendar is FRANCE
        assert (FRANCE.id, FRANCE_ALSACE_MOSELLE.id) == ("france", "france-alsace-moselle")


class TestEverywhere:
    @pytest.mark.parametrize(
        ("option", "calendar"), [("france", FRANCE), ("alsace-moselle", FRANCE_ALSACE_MOSELLE)]
    )
    def test_the_command_line(self, capsys, option, calendar):
        assert main(["calendar", "2024", "--calendar", option, "--format", "json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert document["calendar"] == calendar.id
        assert document["holidays"] == [h.to_dict() for h in calendar.holidays(2024)]

    def test_the_command_line_refuses_an_easter_choice(self, capsys):
        assert main(["calendar", "2024", "--calendar", "france", "--easter", "both"]) == 2
        assert "--easter" in capsys.readouterr().err
