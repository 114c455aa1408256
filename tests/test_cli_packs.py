"""The command line asks the packs: the packs' own commands and options come from their data
(a pack it has never seen is run through every front end in ``test_third_pack.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

from .test_cli import run


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
        commands = {"audit", "check", "deadlines", "logs", "rules", "schema", "serve", "subject",
                    "test"}  # fmt: skip
        assert set() == {f"dme_rules.cli.{name}" for name in commands} & loaded
        assert set() == {"dme_rules.audit", "dme_rules.plot", "dme_rules.service",
                         "dme_rules.testfiles"} & loaded  # fmt: skip
