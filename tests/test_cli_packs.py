"""The command line asks the packs: a pack it has never seen, registered for a test, is
checked, audited, listed, its calendar shown and its schema printed without any change to the
command line; the packs' own commands and options come from their data."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import attrs
import pytest

from dme_rules import BusinessCalendar, Document, Holiday, Messages, Rule, RuleVersion, Status
from dme_rules.cli import main
from dme_rules.engine import registry
from dme_rules.engine.features import CalendarName
from dme_rules.engine.jurisdiction import Jurisdiction, register
from dme_rules.engine.kinds import DATE, TEXT, required
from dme_rules.engine.messages import ENGINE_MESSAGES
from dme_rules.engine.rule import NoParameters
from dme_rules.engine.ruleset import Ruleset
from dme_rules.engine.subjects import Subject


@attrs.frozen
class OneHoliday:
    """A holiday source with only 3 March."""

    def holidays_by_year(self, first_year: int, last_year: int) -> dict[int, tuple[Holiday, ...]]:
        return {
            year: (Holiday(date(year, 3, 3), "Jour des poupées", "Dolls' Day"),)
            for year in range(first_year, last_year + 1)
        }


@attrs.frozen
class Visit(Subject):
    """A visit, the throw-away pack's one subject."""

    kind = "zz.clinic.visit"
    subject_key_required = True
    reference_field = "$.seen_on"

    visit_id: str = required(TEXT)
    seen_on: date = required(DATE)

    @property
    def subject_id(self) -> str:
        return self.visit_id

    @property
    def reference_date(self) -> date:
        return self.seen_on


class SeenRule(Rule[NoParameters, Visit]):
    """A visit seen on a weekday complies; one seen on a weekend is a violation."""

    subject = Visit

    def formula_2020(self, version, visit, context):
        status = Status.COMPLIANT if visit.seen_on.weekday() < 5 else Status.VIOLATION
        return self.outcome(version, status)


SEEN = SeenRule(
    id="zz.clinic.seen",
    title_fr="Visite un jour de semaine",
    title_en="Visit on a weekday",
    obligated_party="clinic",
    position=10,
    versions=(
        RuleVersion(
            version="1",
            effective_from=date(2020, 1, 1),
            effective_to=None,
            effective_basis="test",
            parameters=NoParameters(),
            citations=(Document("D", "I", "2020").cite("s", "q"),),
        ),
    ),
)

DAYS = BusinessCalendar("zz-days", "Jours de zz", "Zz days", OneHoliday())

MESSAGES = Messages(
    {"calendar.names": {"fr": "zz : les jours de zz (100 %)", "en": "zz: the days of zz (100%)"}},
    fallback=ENGINE_MESSAGES,
)

THIRD = Jurisdiction(
    id="zz",
    name_fr="Zède",
    name_en="Zed",
    zone=ZoneInfo("Asia/Tokyo"),
    calendar=DAYS,
    calendars=(DAYS,),
    parties=("clinic",),
    readings=(),
    subjects=(Visit,),
    rules=Ruleset([SEEN]),
    messages=MESSAGES,
)


@pytest.fixture
def third_pack():
    """The throw-away pack, registered for one test."""
    register(THIRD)
    try:
        yield THIRD
    finally:
        del registry._PACKS[THIRD.id]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def visit(tmp_path, seen_on: str = "2025-09-06"):
    path = tmp_path / "visit.json"
    document = {"subject": Visit.kind, "visit_id": "V-1", "seen_on": seen_on}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


class TestAThirdPack:
    def test_check(self, capsys, tmp_path, third_pack):
        """A Saturday's visit is a violation; a date --as-of ends in the pack's zone."""
        code, out, err = run(capsys, "check", str(visit(tmp_path)), "--as-of", "2025-09-10",
                             "--format", "json")  # fmt: skip
        assert (1, "") == (code, err)
        document = json.loads(out)
        assert "2025-09-11T00:00:00+09:00" == document["as_of"]
        assert ["violation"] == [finding["status"] for finding in document["findings"]]
        code, out, _ = run(capsys, "check", str(visit(tmp_path, "2025-09-08")), "--lang", "en")
        assert 0 == code
        assert "Visit on a weekday" in out

    def test_check_refuses_a_plot(self, capsys, tmp_path, third_pack):
        """The pack draws no timeline: --plot is a usage error naming the kind."""
        code, out, err = run(capsys, "check", str(visit(tmp_path)), "--plot", "x.png")
        assert (2, "") == (code, out)
        assert "--plot" in err
        assert "zz.clinic.visit" in err

    def test_audit(self, capsys, tmp_path, third_pack):
        code, out, _ = run(capsys, "audit", str(visit(tmp_path)), "--as-of", "2025-09-10",
                           "--format", "jsonl")  # fmt: skip
        assert 1 == code
        (row,) = [json.loads(line) for line in out.splitlines()]
        assert ("zz.clinic.seen", "violation") == (row["rule_id"], row["status"])

    def test_rules(self, capsys, third_pack):
        code, out, _ = run(capsys, "rules", "--jurisdiction", "zz", "--as-of", "2025-01-01")
        assert 0 == code
        assert "zz.clinic.seen" in out
        assert "qc." not in out

    def test_calendar_by_its_id(self, capsys, third_pack):
        """A pack that names none of its calendars offers them by id, in the help too."""
        code, out, _ = run(capsys, "calendar", "2026", "--calendar", "zz-days")
        assert 0 == code
        assert "2026-03-03  mar. Tue    Jour des poupées  Dolls' Day" in out
        assert "1 jours fériés / holidays (zz-days)" in out
        with pytest.raises(SystemExit):
            main(["calendar", "--help"])
        assert "zz-days" in capsys.readouterr().out

    def test_calendar_by_its_name(self, capsys, third_pack, monkeypatch):
        named = attrs.evolve(THIRD, calendar_names=(CalendarName("zz", DAYS),))
        monkeypatch.setitem(registry._PACKS, "zz", named)
        code, out, _ = run(capsys, "calendar", "2026", "--calendar", "zz", "--format", "json")
        assert (0, "zz-days") == (code, json.loads(out)["calendar"])
        with pytest.raises(SystemExit):
            main(["calendar", "--help", "--lang", "en"])
        assert "zz: the days of zz (100%)" in capsys.readouterr().out  # a % is a word

    def test_schema(self, capsys, third_pack):
        code, out, _ = run(capsys, "schema", "visit")
        assert 0 == code
        assert {"subject", "visit_id", "seen_on"} <= set(json.loads(out)["properties"])

    def test_gone_with_its_pack(self, capsys):
        """Without the pack, its names are unknown again."""
        assert 2 == main(["schema", "visit"])
        assert "invalid choice: 'visit'" in capsys.readouterr().err


class TestFromThePacks:
    """The commands and options the packs' data make."""

    def test_rules_of_another_jurisdiction(self, capsys):
        code, out, _ = run(capsys, "rules", "--jurisdiction", "fr", "--as-of", "2024-06-01",
                           "--lang", "en")  # fmt: skip
        assert 0 == code
        assert "Rules in force on 2024-06-01" == out.splitlines()[0]
        ids = [line.split()[0] for line in out.splitlines()[3:]]
        assert ids
        assert all(rule_id.startswith("fr.dmp.") for rule_id in ids)
        code, out, _ = run(capsys, "rules", "--jurisdiction", "fr", "--as-of", "2024-06-01",
                           "--format", "json")  # fmt: skip
        assert ids == [rule["id"] for rule in json.loads(out)["rules"]]

    def test_an_unknown_jurisdiction(self, capsys):
        code, out, err = run(capsys, "rules", "--jurisdiction", "xx")
        assert (2, "") == (code, out)
        assert "invalid choice: 'xx'" in err

    def test_deadlines_only_of_packs_that_have_them(self, capsys):
        code, _, err = run(capsys, "deadlines", "--transmitted", "2025-06-20T16:45:00-04:00",
                           "--jurisdiction", "fr")  # fmt: skip
        assert 2 == code
        assert "invalid choice: 'fr'" in err

    def test_a_subject_command(self, capsys, tmp_path):
        """Each pack's subject command reads its subject and prints its finding."""
        path = tmp_path / "answers.json"
        path.write_text(json.dumps({"assessed_on": "2025-03-01", "feature": "Agenda",
                                    "answers": {}}), encoding="utf-8")  # fmt: skip
        for name, subject in _subject_commands():
            code, out, _ = run(capsys, name, str(path), "--format", "json")
            assert 1 == code
            assert subject.kind.partition(".")[0] == json.loads(out)["rule_id"].partition(".")[0]

    def test_a_subject_command_refuses_another_subject(self, capsys, tmp_path):
        path = tmp_path / "case.json"
        path.write_text('{"case_id": "1"}', encoding="utf-8")
        for name, _ in _subject_commands():
            code, out, err = run(capsys, name, str(path))
            assert (2, "") == (code, out)
            assert err.startswith(f"dme-rules: {path}: $.case_id")

    def test_an_option_of_a_calendar_is_an_error_with_another(self, capsys):
        """Every option that picks a variant is made from the packs, and refused, naming the
        calendars that take it, with a calendar that has none."""
        from dme_rules.cli.parser import calendar_options

        options = calendar_options()
        assert options
        plain = next(
            named.name for pack in _packs() for named in pack.calendar_names if named.option is None
        )
        for option, (_, variants) in options.items():
            code, _, err = run(capsys, "calendar", "2026", "--calendar", plain,
                               f"--{option}", variants[0])  # fmt: skip
            assert 2 == code
            assert f"--{option} applies to --calendar " in err
            takers = [n.name for p in _packs() for n in p.calendar_names if n.option == option]
            for name in takers:
                code, out, _ = run(capsys, "calendar", "2026", "--calendar", name,
                                   f"--{option}", variants[-1], "--format", "json")  # fmt: skip
                assert 0 == code
                picked = next(n for p in _packs() for n in p.calendar_names if n.name == name)
                assert picked.pick(variants[-1]).id == json.loads(out)["calendar"]


def test_every_pack_has_the_words_the_command_line_shows():
    """Each feature a pack offers has its help and its rows' words, in both languages."""
    missing = []
    for pack in _packs():
        codes = ["calendar.names"] if pack.calendar_names else []
        codes += [f"calendar.option.{n.option}" for n in pack.calendar_names if n.option]
        if pack.deadlines is not None:
            codes += ["deadlines.help", "deadlines.description", "deadlines.heading"]
            codes += [f"deadlines.{code}" for code, _, _ in pack.deadlines(AT, ()).rows()]
        for name in pack.commands:
            codes += [f"command.{name}.help", f"command.{name}.description"]
        if pack.logs is not None:
            codes += ["logs.help", "logs.description"]
            codes += [f"logs.table.{table}" for table in pack.logs.tables]
        missing += [(pack.id, code) for code in codes if code not in pack.messages]
    assert [] == missing


AT = datetime(2025, 6, 20, 16, 45, tzinfo=UTC)


def _packs():
    from dme_rules.engine.jurisdiction import jurisdictions

    return list(jurisdictions().values())


def _subject_commands():
    found = [(name, subject) for pack in _packs() for name, subject in pack.commands.items()]
    assert found
    return found


class TestImportedWhenRun:
    """Each command's module is imported only when that command runs."""

    def test_calendar_imports_no_other_command(self):
        probe = (
            "import sys; from dme_rules.cli import main; code = main(['calendar', '2026']); "
            "print(sorted(m for m in sys.modules if m.startswith('dme_rules')), file=sys.stderr)"
        )
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              check=False)  # fmt: skip
        assert 0 == done.returncode
        loaded = set(eval(done.stderr.strip().splitlines()[-1]))
        assert "dme_rules.cli.calendar" in loaded
        commands = {"audit", "check", "deadlines", "logs", "rules", "schema", "serve", "subject"}
        assert set() == {f"dme_rules.cli.{name}" for name in commands} & loaded
        assert set() == {"dme_rules.audit", "dme_rules.plot", "dme_rules.service"} & loaded
