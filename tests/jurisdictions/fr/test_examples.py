"""The example DMP records under examples/dmp/: each verdict, written out with its
arithmetic, from the library and from the command line."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from dme_rules import JURISDICTIONS, Status, evaluate
from dme_rules.cli import main
from dme_rules.engine.evaluation import read_subject
from dme_rules.jurisdictions.fr.counting import end_of_day

EXAMPLES = Path(__file__).parent.parent.parent.parent / "examples" / "dmp"
V, C, P, N = Status.VIOLATION, Status.COMPLIANT, Status.PENDING, Status.NOT_APPLICABLE

#: record file -> (--as-of, verdict, the status of each rule of the French registry in its
#: order, notable dues). The records without an opposition to emergency access have nothing
#: for EMERGENCY_ACCESS_OPPOSITION to judge (the last N).
EXPECTED = {
    "opposition-respected": (
        "2024-06-10",
        C,
        # The opposition (10 Jan, legitimate motive) covers PS-ORTHO-7, whose deposit was on
        # 8 Jan, before it; PS-LABO-2's deposit on 2 Feb is not covered. Both first accesses
        # were notified within seconds.
        (C, N, C, N, N, N),
        {},
    ),
    "deposit-despite-opposition": (
        "2024-06-10",
        V,
        # An opposition with a legitimate motive on 4 Mar covers everyone: the deposit at
        # 18:30 that day is not after it, the one on 5 Mar is. The opposition of 20 Mar has
        # no legitimate motive and comes after the authorization: it binds nothing.
        (V, N, N, N, N, N),
        {},
    ),
    "first-access-late-notice": (
        "2024-04-10",
        V,
        # acc-7, Sat 30 Mar 09:00 CET + 24 h = Sun 31 Mar 10:00 CEST (the clocks went forward
        # at 02:00): its notice at 10:00 CEST is in time. acc-8 is PS-CARDIO-3's second access.
        # acc-9, Fri 5 Apr 08:15 + 24 h = Sat 6 Apr 08:15: its notice at 11:00 is late.
        (N, N, V, N, N, N),
        {"first-access-notice": "2024-04-06T08:15:00+02:00"},
    ),
    "emergency-access-informed": (
        "2024-11-01",
        C,
        # Emergency access Sat 26 Oct 23:40 CEST (21:40 UTC), the night the clocks go back:
        # the holder informed at 02:30 CET (01:30 UTC), the médecin traitant at 08:00 CET,
        # both within 24 hours. The holder's notice is also the first-access notice.
        (N, N, C, C, N, N),
        {},
    ),
    "deferred-data": (
        "2024-07-01",
        V,
        # anapath-1, Thu 2 May: the announcement consultation on 15 May comes before day 14
        # (16 May) and the month (2 Jun): both clocks end. irm-2, Sat 4 May: day 14 is Sat
        # 18 May; the holder informed on 21 May is late under calendar-days (the default).
        (N, N, N, N, V, N),
        {"deferred-data": "2024-05-18"},
    ),
    "deferred-data-notified": (
        "2024-06-10",
        C,
        # anapath-3, Thu 2 May 10:00 CEST: day 14 is 2 May + 14 days = Thu 16 May. The holder
        # notice at 21:45 UTC on 16 May is 23:45 in Paris, on day 14: in time. The holder
        # notice at 09:30 precedes the deposit and the one to the médecin traitant is not to
        # the holder: neither counts (listed). One month on, 2 June, it was made accessible.
        (N, N, N, N, C, N),
        {},
    ),
    "emergency-access-despite-opposition": (
        "2024-12-01",
        V,
        # The holder opposed emergency access from 12 Feb to 30 Sep 2024. urg-3 (12 Feb,
        # 22:10) is on the filing day: the order is unknown, not judged a violation; urg-4
        # (14 Jul) is during the opposition: a violation; urg-5 (2 Oct) is after the
        # withdrawal. Each was notified to both within hours (R.1111-48), and the holder's
        # notices of urg-3 and urg-4 are the first-access notices of their professionals.
        (N, N, C, C, N, V),
        {},
    ),
    "closed-record-purged-early": (
        "2035-01-01",
        V,
        # Closed Thu 29 Feb 2024: ten years on, 2034 has no 29 Feb, so 28 Feb 2034 (art.
        # 641), kept until 24:00 that day (art. 642); purged on 27 Feb 2034, two days early
        # (27 and 28 Feb not kept).
        (N, V, N, N, N, N),
        {"retention": "2034-02-28"},
    ),
    "closed-record-kept": (
        "2024-06-10",
        P,
        # Closed Thu 30 Nov 2023: kept until 24:00 on 30 Nov 2033, not purged: pending.
        (N, P, N, N, N, N),
        {"retention": "2033-11-30"},
    ),
}


def test_every_example_is_tested():
    assert sorted(path.stem for path in EXAMPLES.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_verdicts(name):
    day, verdict, statuses, dues = EXPECTED[name]
    record = read_subject((EXAMPLES / f"{name}.json").read_bytes())
    # A plain date is the end of that day in Paris (24:00), as for the command line.
    report = evaluate(record, end_of_day(date.fromisoformat(day)))
    assert report.status == verdict
    assert [f.rule_id for f in report.findings] == list(JURISDICTIONS["fr"].rules)
    assert tuple(f.status for f in report.findings) == statuses
    for rule, due in dues.items():
        assert report.finding(f"fr.dmp.{rule}").due.isoformat() == due


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_command_line_says_the_same(name, capsys):
    day, verdict, statuses, _ = EXPECTED[name]
    path = str(EXAMPLES / f"{name}.json")
    code = main(["check", path, "--as-of", day, "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert code == (1 if verdict is V else 0)
    assert document["status"] == verdict.value
    assert [f["status"] for f in document["findings"]] == [s.value for s in statuses]


def test_the_deferred_datum_under_the_other_reading(capsys):
    """irm-2: Sat 18 May extended past Sun 19 May and Whit Monday 20 May to Tue 21 May."""
    path = str(EXAMPLES / "deferred-data.json")
    assert main(["check", path, "--as-of", "2024-07-01", "--reading", "next-working-day"]) == 0
    assert main(["check", path, "--as-of", "2024-07-01", "--sensitivity", "--lang", "en"]) == 1
    assert "next-working-day: compliant" in capsys.readouterr().out


class TestExplain:
    def test_the_deferred_datum_step_by_step(self):
        record = read_subject((EXAMPLES / "deferred-data.json").read_bytes())
        report = evaluate(record, end_of_day(date(2024, 7, 1)), readings=["next-working-day"])
        lines = report.explain("fr.dmp.deferred-data", "en")
        # irm-2, Sat 4 May: + 14 days = Sat 18 May, extended past Sun 19 and Whit Monday 20.
        assert (
            "- Two weeks: 2024-05-04 + 14 days = 2024-05-18, the deposit's day not counted "
            "(Code de procédure civile, art. 641)." in lines
        )
        assert (
            "- 2024-05-18 is not a working day: extended to 2024-05-21 (Code de procédure "
            "civile, art. 642)." in lines
        )

    def test_ten_years_on(self):
        record = read_subject((EXAMPLES / "closed-record-purged-early.json").read_bytes())
        lines = evaluate(record, end_of_day(date(2035, 1, 1))).explain("fr.dmp.retention", "fr")
        assert lines[1].startswith("- 2024-02-29 + 10 ans = 2034-02-28")

    def test_the_24_hours_across_the_spring_change(self, capsys):
        path = str(EXAMPLES / "first-access-late-notice.json")
        main(["check", path, "--as-of", "2024-04-10", "--explain", "--lang", "en"])
        assert ("- Access acc-7 on 2024-03-30 09:00 (CET): notice due by 2024-03-31 10:00 "
                "(CEST) (24 hours of elapsed time).") in capsys.readouterr().out  # fmt: skip


def test_fhir_of_a_record(capsys):
    """One OperationOutcome issue per finding that is not compliant, its rule as a coding."""
    path = str(EXAMPLES / "first-access-late-notice.json")
    assert main(["check", path, "--as-of", "2024-04-10", "--format", "fhir"]) == 1
    outcome = json.loads(capsys.readouterr().out)
    assert outcome["resourceType"] == "OperationOutcome"
    codes = [issue["details"]["coding"][0]["code"] for issue in outcome["issue"]]
    assert "fr.dmp.first-access-notice" in codes
    fhir = pytest.importorskip("fhir.resources.R4B.operationoutcome")
    fhir.OperationOutcome.model_validate(outcome)  # a valid FHIR R4 resource
