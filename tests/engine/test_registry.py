"""The typed registry the applications ask: what it refuses, and how packs are found."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

import dme_rules
from dme_rules import (
    JURISDICTIONS,
    BusinessCalendar,
    Document,
    InvalidArgumentError,
    InvalidCaseError,
    Jurisdiction,
    Messages,
    Period,
    Rule,
    Ruleset,
    RuleVersion,
    Status,
    Subject,
)
from dme_rules.engine.evaluation import read_subject
from dme_rules.engine.features import CalendarName
from dme_rules.engine.jurisdiction import jurisdictions, register
from dme_rules.engine.kinds import DATE, TEXT, required
from dme_rules.engine.messages import ENGINE_MESSAGES
from dme_rules.engine.versions import NoParameters


@attrs.frozen
class _NoHolidays:
    def holidays_by_year(self, first_year: int, last_year: int) -> dict[int, tuple[()]]:
        return {year: () for year in range(first_year, last_year + 1)}


_DAYS = BusinessCalendar("zz-days", "Jours", "Days", _NoHolidays())


@attrs.frozen
class Case(Subject):
    """A subject whose kind ends like Quebec's case: its schema is called ``case`` too."""

    kind = "zz.mail.case"
    subject_key_required = True
    case_id: str = required(TEXT)
    received_on: date = required(DATE)

    @property
    def subject_id(self) -> str:
        return self.case_id

    @property
    def reference_date(self) -> date:
        return self.received_on


@attrs.frozen
class Letter(Case):
    """A subject whose schema name no other pack gives."""

    kind = "zz.mail.letter"


class SeenRule(Rule[NoParameters, Case]):
    subject = Case

    def formula_2020(self, version, case, context):
        return self.outcome(version, Status.COMPLIANT)


_PERIOD = Period(effective_from=date(2020, 1, 1), basis="test", basis_fr="test")
SEEN = SeenRule(
    id="zz.mail.seen", title_fr="Vu", title_en="Seen", obligated_party="office", position=10,
    versions=(RuleVersion(version="1", period=_PERIOD, parameters=NoParameters(),
                          citations=(Document("D", "I", "2020").cite("s", "q"),)),),
)  # fmt: skip


def pack(**changes) -> Jurisdiction:
    """A pack ``zz`` whose things are named after Quebec's, unless ``changes`` say otherwise."""
    base = Jurisdiction(
        id="zz", name_fr="Zède", name_en="Zed", zone=JURISDICTIONS["qc"].zone, calendar=_DAYS,
        calendars=(_DAYS,), parties=("office",), readings=(), subjects=(Case,),
        rules=Ruleset([SEEN]), messages=Messages({}, fallback=ENGINE_MESSAGES),
    )  # fmt: skip
    return attrs.evolve(base, **changes)


class TestRegister:
    """A pack that would take a name another pack gives is refused, naming the clash; the
    registry is left as it was."""

    @pytest.mark.parametrize(
        ("changes", "clash"),
        [
            ({}, "schema case"),
            ({"subjects": (Letter,), "commands": {"consent": Letter}}, "command consent"),
            (
                {"subjects": (Letter,), "calendar_names": (CalendarName("cpc", _DAYS),)},
                "calendar cpc",
            ),
        ],
    )
    def test_a_name_of_another_pack(self, changes, clash):
        before = dict(jurisdictions())
        with pytest.raises(InvalidArgumentError, match=clash):
            register(pack(**changes))
        assert before == dict(jurisdictions())

    def test_not_a_jurisdiction(self):
        with pytest.raises(InvalidArgumentError, match="a Jurisdiction"):
            register("zz")  # type: ignore[arg-type]


class TestReadingASubject:
    def test_a_null_subject_names_no_kind(self):
        """``"subject": null`` is not the default subject: no kind is named."""
        with pytest.raises(InvalidCaseError, match=r"\$\.subject"):
            read_subject(b'{"subject": null, "record_id": "R1"}')


class TestPacksOnTheImportPath:
    """A pack of another distribution joins the shipped ones; another copy of the library
    does not lend its packs; a broken pack says which it is."""

    def run(self, root) -> subprocess.CompletedProcess[str]:
        """Import the library (this one, first on the path), ``root`` after it on the path."""
        path = os.pathsep.join([str(Path(dme_rules.__file__).parent.parent), str(root)])
        return subprocess.run(
            [sys.executable, "-c", "import dme_rules; print(sorted(dme_rules.JURISDICTIONS))"],
            capture_output=True, text=True, check=False, env={"PYTHONPATH": path},
        )  # fmt: skip

    def test_a_broken_pack_is_named(self, tmp_path):
        folder = tmp_path / "dme_rules" / "jurisdictions" / "broken"
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("raise RuntimeError('oops')\n", encoding="utf-8")
        done = self.run(tmp_path)
        assert 0 != done.returncode
        expected = "dme_rules.jurisdictions.broken: the pack cannot be imported"
        assert f"{expected} (RuntimeError: oops)" in done.stderr

    def test_another_copy_of_the_library_lends_no_pack(self, tmp_path):
        library = tmp_path / "dme_rules"
        (library / "jurisdictions" / "zz").mkdir(parents=True)
        (library / "__init__.py").write_text("", encoding="utf-8")
        (library / "jurisdictions" / "zz" / "__init__.py").write_text(
            "raise RuntimeError('a pack of another copy was imported')\n", encoding="utf-8"
        )
        done = self.run(tmp_path)
        assert (0, "") == (done.returncode, done.stderr)
        assert "['fr', 'qc']" == done.stdout.strip()


def test_a_calendar_name_pickles():
    """What a pack offers is made of values that pickle (for worker processes)."""
    import pickle

    for found in jurisdictions().values():
        for named in found.calendar_names:
            assert named == pickle.loads(pickle.dumps(named))
