"""A throw-away third pack, installed beside the library, works through every front end.

The pack (one subject, one rule, one calendar and its words) is written into a folder of its
own as ``dme_rules/jurisdictions/demo/`` and put on the import path, as a pack distributed on
its own would be: nothing of the library is touched. Then ``check``, ``audit``, ``test``,
``rules``, ``calendar``, ``schema`` and the HTTP service's evaluate run on its subject, in fresh
processes, and answer from the pack: its rule, its calendar, its zone (Auckland, far from
both Montreal and Paris, so that a date ``--as-of`` shows whose end of day it means).
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

PACK = '''
"""A throw-away jurisdiction: one subject, one rule, one calendar, its words."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import attrs

from dme_rules import (BusinessCalendar, Document, Holiday, Jurisdiction, Messages, Period,
                       Rule, RuleVersion, Ruleset, Subject)
from dme_rules.engine.features import CalendarName
from dme_rules.engine.kinds import DATE, TEXT, optional, required
from dme_rules.engine.messages import ENGINE_MESSAGES


@attrs.frozen
class NoHolidays:
    def holidays_by_year(self, first_year, last_year):
        return {year: () for year in range(first_year, last_year + 1)}


@attrs.frozen
class DollsDay:
    def holidays_by_year(self, first_year, last_year):
        return {year: (Holiday(date(year, 3, 3), "Jour des poupées", "Dolls' Day"),)
                for year in range(first_year, last_year + 1)}


WEEKDAYS = BusinessCalendar("demo-weekdays", "Jours de semaine", "Weekdays", NoHolidays())
DOLLS = BusinessCalendar("demo-dolls", "Jours des poupées", "Dolls' days", DollsDay())


@attrs.frozen
class Letter(Subject):
    kind = "demo.mail.letter"
    subject_key_required = True
    letter_id: str = required(TEXT)
    received_on: date = required(DATE)
    answered_on: date | None = optional(DATE)

    @property
    def subject_id(self):
        return self.letter_id

    @property
    def reference_date(self):
        return self.received_on


@attrs.frozen
class Days:
    days: int


class AnswerDeadlineRule(Rule):
    subject = Letter

    def formula_2020_01(self, version, letter, context):
        due = letter.received_on + timedelta(days=version.parameters.days)
        return self.deadline(version, context, due=due, act_on=letter.answered_on,
                             act_field="$.answered_on")


RULE = Document("Règlement sur les lettres", "Démo", "2019").cite(
    "art. 1", "Il est répondu à toute lettre dans les 10 jours.")
ANSWER_DEADLINE = AnswerDeadlineRule(
    id="demo.mail.answer-deadline", title_fr="Délai de réponse", title_en="Answer deadline",
    obligated_party="office", position=10,
    versions=(RuleVersion(
        version="1",
        period=Period(effective_from=date(2020, 1, 1), basis="The rule's own date.",
                      basis_fr="La date du règlement."),
        parameters=Days(10), citations=(RULE,)),))

JURISDICTION = Jurisdiction(
    id="demo", name_fr="Démo", name_en="Demo", zone=ZoneInfo("Pacific/Auckland"),
    calendar=WEEKDAYS, calendars=(WEEKDAYS, DOLLS), parties=("office",), readings=(),
    subjects=(Letter,), rules=Ruleset([ANSWER_DEADLINE]),
    messages=Messages({
        "party.office": {"fr": "bureau", "en": "office"},
        "calendar.names": {"fr": "weekdays, dolls : les jours de la démo",
                           "en": "weekdays, dolls: the demo's days"},
    }, fallback=ENGINE_MESSAGES),
    calendar_names=(CalendarName("weekdays", WEEKDAYS), CalendarName("dolls", DOLLS)),
)
'''

#: A letter received on 3 March 2025 and answered on 14 March: due 3 March + 10 days =
#: 13 March, one day late.
LETTER = {"subject": "demo.mail.letter", "letter_id": "L-1", "received_on": "2025-03-03",
          "answered_on": "2025-03-14"}  # fmt: skip
RULE_ID = "demo.mail.answer-deadline"
#: ``--as-of 2025-04-01`` is the end of that day in Auckland (UTC+13 in April 2025).
END_OF_DAY = "2025-04-02T00:00:00+13:00"


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> tuple[dict[str, str], Path]:
    """The pack's folder on the import path (the environment of a process that sees it), and
    a letter's file."""
    root = tmp_path_factory.mktemp("third-pack")
    folder = root / "dme_rules" / "jurisdictions" / "demo"
    folder.mkdir(parents=True)
    (folder / "__init__.py").write_text(PACK, encoding="utf-8")
    letter = root / "letter.json"
    letter.write_text(json.dumps(LETTER), encoding="utf-8")
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(root), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return environment, letter


def cli(pack: tuple[dict[str, str], Path], *argv: str) -> subprocess.CompletedProcess[str]:
    environment, _ = pack
    return subprocess.run(
        [sys.executable, "-m", "dme_rules.cli", *argv],
        capture_output=True, text=True, env=environment, check=False, encoding="utf-8",
    )  # fmt: skip


def test_the_pack_is_not_seen_without_its_folder():
    """The pack exists only where its folder is on the path (this process does not see it)."""
    import dme_rules

    assert "demo" not in dme_rules.JURISDICTIONS


def test_check(pack):
    """The subject is read by its kind, judged by the pack's rule, at the end of the day in
    the pack's zone; its words are the pack's."""
    _, letter = pack
    done = cli(pack, "check", str(letter), "--as-of", "2025-04-01", "--format", "json")
    report = json.loads(done.stdout)
    assert (1, "") == (done.returncode, done.stderr)
    assert (END_OF_DAY, "violation") == (report["as_of"], report["status"])
    (finding,) = report["findings"]
    assert (RULE_ID, "2025-03-13", 1) == (finding["rule_id"], finding["due"], finding["days_late"])
    text = cli(pack, "check", str(letter), "--as-of", "2025-04-01", "--lang", "en").stdout
    assert "Answer deadline" in text
    assert "office" in text


def test_audit(pack):
    """One row for the letter's one finding, its as-of in the pack's zone."""
    _, letter = pack
    done = cli(pack, "audit", str(letter), "--as-of", "2025-04-01", "--quiet")
    (row,) = list(csv.DictReader(io.StringIO(done.stdout)))
    assert 1 == done.returncode
    assert (RULE_ID, "violation", "2025-03-13", END_OF_DAY) == (
        row["rule_id"], row["status"], row["due"], row["as_of"]
    )  # fmt: skip


def test_test_files(pack):
    """A declarative test of the pack's subject runs through its rule: read by its kind, its
    rule id known, its date the end of that day in the pack's zone."""
    _, letter = pack
    tests = letter.parent / "letter.yaml"
    tests.write_text(
        "- name: Lettre en retard\n"
        "  as_of: 2025-04-01\n"
        f"  input: {json.dumps(LETTER)}\n"
        "  expect:\n"
        "    status: violation\n"
        f"    findings:\n      {RULE_ID}: {{due: 2025-03-13, days_late: 1}}\n",
        encoding="utf-8",
    )
    done = cli(pack, "test", str(tests), "--lang", "en")
    assert (0, "1 test, 1 passed\n", "") == (done.returncode, done.stdout, done.stderr)


def test_rules(pack):
    """The pack's catalogue, chosen by its id."""
    done = cli(pack, "rules", "--jurisdiction", "demo", "--as-of", "2025-01-01", "--format",
               "json")  # fmt: skip
    assert 0 == done.returncode, done.stderr
    assert [RULE_ID] == [rule["id"] for rule in json.loads(done.stdout)["rules"]]


def test_calendar(pack):
    """The pack's calendar by the name the pack gives it."""
    done = cli(pack, "calendar", "2026", "--calendar", "weekdays", "--format", "json")
    assert 0 == done.returncode, done.stderr
    assert {"calendar": "demo-weekdays", "year": 2026, "holidays": []} == json.loads(done.stdout)


def test_calendar_holidays(pack):
    """A calendar's holidays, named in French and English, as the pack declares them."""
    done = cli(pack, "calendar", "2026", "--calendar", "dolls")
    assert 0 == done.returncode, done.stderr
    assert "2026-03-03  mar. Tue    Jour des poupées  Dolls' Day" in done.stdout


def test_plot_refused(pack):
    """The pack draws no timeline: ``--plot`` is a usage error naming the subject's kind."""
    _, letter = pack
    done = cli(pack, "check", str(letter), "--plot", "letter.png")
    assert (2, "") == (done.returncode, done.stdout)
    assert "--plot" in done.stderr
    assert "demo.mail.letter" in done.stderr


def test_schema(pack):
    """The subject's JSON Schema, by the name the subject gives it."""
    done = cli(pack, "schema", "letter")
    assert 0 == done.returncode, done.stderr
    document = json.loads(done.stdout)
    assert "demo.mail.letter" == document["title"]
    assert {"subject", "letter_id", "received_on"} == set(document["required"])


def test_service_evaluate(pack):
    """``dme-rules serve`` answers ``POST /v1/evaluate`` on the pack's subject."""
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    environment, _ = pack
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    command = [sys.executable, "-m", "dme_rules.cli", "serve", "--port", str(port)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=environment) as process:  # fmt: skip
        try:
            wait_for(port, process)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request("POST", "/v1/evaluate?as_of=2025-04-01&lang=en",
                                   body=json.dumps(LETTER).encode(),
                                   headers={"Content-Type": "application/json"})  # fmt: skip
                response = connection.getresponse()
                report = json.loads(response.read())
                assert (200, END_OF_DAY, "violation") == (
                    response.status, report["as_of"], report["status"]
                )  # fmt: skip
                assert [RULE_ID] == [finding["rule_id"] for finding in report["findings"]]
                connection.request("GET", "/v1/rules?jurisdiction=demo&as_of=2025-01-01")
                response = connection.getresponse()
                assert [RULE_ID] == [rule["id"] for rule in json.loads(response.read())["rules"]]
            finally:
                connection.close()
        finally:
            process.terminate()
            process.wait(timeout=30)


def wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    """Return once the service listens on ``port``; fail if it stops or takes 30 s."""
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"the service stopped: {error}")
            assert time.monotonic() < deadline, "the service did not start"
            time.sleep(0.1)
