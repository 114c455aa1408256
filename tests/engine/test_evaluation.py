"""Tests of the registry, evaluate, evaluate_many and the Report (dme_rules.engine)."""

from __future__ import annotations

import gc
import json
import pickle
import weakref
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest

import dme_rules
from dme_rules import (
    CIVIL_PROCEDURE,
    EXTRACTION_DEADLINE,
    MONTREAL,
    QUEBEC,
    QUEBEC_CPC,
    QUEBEC_LNT,
    RULES,
    Context,
    Finding,
    InvalidArgumentError,
    InvalidCaseError,
    NaiveDatetimeError,
    Ruleset,
    Status,
    evaluate,
    evaluate_many,
    ruleset_as_of,
)

from ..cases import at, change, minimal_case, noon, spec_case

AS_OF = at("2025-09-01T12:00:00-04:00")

#: The rules SPEC §5 puts in force from 2024-01-01, with the 2024 procedure.
FROM_2024 = {
    "qc.migration.request-form",
    "qc.migration.preanalysis-validation",
    "qc.migration.calendar-content",
    "qc.bch.complaint-follow-up",
}


#: A rule module, as a pack's rules package holds them.
RULE_MODULE = """
from datetime import date
from dme_rules import Document, MigrationCase, Period, Rule, RuleVersion, Status
from dme_rules.engine.versions import NoParameters

class Found(Rule):
    subject = MigrationCase

    def formula_2020(self, version, case, context):
        return self.outcome(version, Status.COMPLIANT)

{name_upper} = Found(
    id="qc.test.{name_dashed}", title_fr="x", title_en="x", obligated_party="clinic",
    position={position},
    versions=(RuleVersion(version="1",
        period=Period(effective_from=date(2020, 1, 1), basis="test", basis_fr="test"),
        parameters=NoParameters(), citations=(Document("D", "I", "2020").cite("s", "q"),)),),
)
"""


class TestRegistry:
    """RULES: discovered, ordered by position, keyed by id (its order is the README's table,
    checked by test_readme)."""

    def test_discovered_from_the_modules_and_ordered_by_position(self, tmp_path, monkeypatch):
        """Ruleset.discover finds one rule per public module, orders them by position (not by
        module name) and refuses a module without its rule."""
        package = tmp_path / "found_rules"
        package.mkdir()
        (package / "__init__.py").write_text("", encoding="utf-8")
        for name, position in (("_shared", 0), ("b_rule", 10), ("a_rule", 20)):
            text = RULE_MODULE.format(
                name_upper=name.upper(), name_dashed=name.replace("_", "-"), position=position
            )
            (package / f"{name}.py").write_text(text, encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
        assert ["qc.test.b-rule", "qc.test.a-rule"] == list(Ruleset.discover("found_rules"))
        (package / "c_rule.py").write_text("OTHER = 1\n", encoding="utf-8")
        with pytest.raises(LookupError, match=r"found_rules\.c_rule must define C_RULE"):
            Ruleset.discover("found_rules")

    def test_ruleset_as_of(self):
        """Before 2021-10-28 nothing is in force; in 2023 the rules whose first version had
        started (the Avenant's and the consent checklist of 2022-06-20), not the procedure's;
        from 2024 all."""
        assert [] == list(ruleset_as_of(date(2021, 10, 27)))
        in_2023 = list(ruleset_as_of(date(2023, 6, 1)))
        started = [rid for rid, rule in RULES.items()
                   if rule.versions[0].effective_from <= date(2023, 6, 1)]  # fmt: skip
        assert started == in_2023
        assert set() == FROM_2024 & set(in_2023)
        assert list(RULES) == list(ruleset_as_of(date(2024, 1, 1)))

    def test_duplicate_ids_refused(self):
        """A ruleset cannot hold two rules with one id."""
        with pytest.raises(InvalidArgumentError, match="distinct ids"):
            Ruleset([EXTRACTION_DEADLINE, EXTRACTION_DEADLINE])

    def test_read_only(self):
        """RULES is a read-only mapping."""
        with pytest.raises(TypeError):
            RULES["x"] = EXTRACTION_DEADLINE  # type: ignore[index]


class TestEvaluate:
    """evaluate() on one case."""

    def test_spec_example(self):
        """The SPEC example on 2025-09-01: the migration rules compliant, the access period
        pending, the complaint of Wed 08-20 10:00 overdue since Mon 08-25 10:00 (Thu 21,
        Fri 22, Mon 25)."""
        report = evaluate(spec_case(), AS_OF)
        statuses = {f.rule_id: f.status for f in report.findings}
        assert Status.PENDING == statuses.pop("qc.migration.read-only-access")
        assert {Status.COMPLIANT} == {
            status for rule_id, status in statuses.items() if rule_id.startswith("qc.migration.")
        }
        complaint = report.finding("qc.bch.complaint-follow-up")
        assert (Status.VIOLATION, at("2025-08-25T10:00:00-04:00")) == (
            complaint.status,
            complaint.due,
        )
        assert Status.VIOLATION == report.status

    def test_findings_in_registry_order(self):
        """Findings come in the registry's order."""
        report = evaluate(spec_case(), AS_OF)
        ids = [f.rule_id for f in report.findings]
        assert [rid for rid in RULES if rid in ids] == ids

    def test_worst_of(self):
        """A late import makes the whole report a violation."""
        late = change(spec_case(), import__completed_on=date(2025, 8, 7))
        assert Status.VIOLATION == evaluate(late, AS_OF).status

    def test_status_order(self):
        """violation > insufficient_data > pending > compliant > not_applicable."""
        order = [
            Status.NOT_APPLICABLE,
            Status.COMPLIANT,
            Status.PENDING,
            Status.INSUFFICIENT_DATA,
            Status.VIOLATION,
        ]
        assert order == sorted(Status, key=lambda s: s.severity)
        assert Status.NOT_APPLICABLE == Status.worst([])

    def test_readings_choice(self):
        """readings=[CIVIL_PROCEDURE] counts request periods the civil-procedure way."""
        report = evaluate(spec_case(), AS_OF, readings=[CIVIL_PROCEDURE])
        found = report.finding("qc.migration.extraction-deadline")
        assert ("civil-procedure", date(2025, 7, 11)) == (found.interpretation, found.due)

    def test_readings_by_id_are_the_values(self):
        """An id and its value choose the same reading; the finding lists every reading its
        version applied, the chosen one in its topic's place."""
        by_id = evaluate(spec_case(), AS_OF, readings=["civil-procedure"])
        assert by_id == evaluate(spec_case(), AS_OF, readings=[CIVIL_PROCEDURE])
        found = by_id.finding("qc.migration.import-deadline")
        assert (
            "civil-procedure",
            "next-business-day",
            "scope-presumed-standard",
            "form-starts-process",
            "clinic-delay-extends",
            "court-calendar",
        ) == found.readings

    def test_a_reading_a_version_does_not_allow_is_ignored_and_recorded(self):
        """office-hours reads the BCH's clock only: the other rules ignore it and say so;
        rules with no reading at all too."""
        report = evaluate(spec_case(), AS_OF, readings=["office-hours"])
        complaint = report.finding("qc.bch.complaint-follow-up")
        assert "office-hours" in complaint.readings
        assert "readings_ignored" not in complaint.details
        for rule_id in ("qc.migration.extraction-deadline", "qc.migration.extraction-fee-cap"):
            assert ("office-hours",) == report.finding(rule_id).details["readings_ignored"]
        assert (
            "readings_ignored"
            not in evaluate(spec_case(), AS_OF).finding("qc.migration.extraction-fee-cap").details
        )

    def test_before_the_request_nothing_has_started(self):
        """Seen one microsecond before the request's transmission, every finding of the case
        is not_applicable (not_yet_requested); at the instant itself, the rules judge."""
        sent = spec_case().request_transmitted_at
        before = evaluate(spec_case(), sent - timedelta(microseconds=1))
        assert {(Status.NOT_APPLICABLE, "not_yet_requested")} == {
            (f.status, f.reason) for f in before.findings
        }
        at_sending = evaluate(spec_case(), sent)
        assert Status.PENDING == at_sending.finding("qc.migration.extraction-deadline").status

    def test_calendar_choice(self):
        """The calendar is a parameter and its id is recorded."""
        report = evaluate(spec_case(), AS_OF, calendar=QUEBEC_LNT)
        assert "quebec-lnt" == report.decision()["calendar"]

    def test_a_request_before_the_rules(self):
        """A request of 2021-10-27: every finding not_applicable."""
        report = evaluate(
            minimal_case(request_transmitted_at=at("2021-10-27T10:00:00-04:00")),
            noon(date(2021, 12, 1)),
        )
        assert {Status.NOT_APPLICABLE} == {f.status for f in report.findings}
        assert Status.NOT_APPLICABLE == report.status

    def test_accepts_the_json_form(self):
        """A mapping is read with from_dict; a bad one raises InvalidCaseError."""
        assert evaluate(spec_case().to_dict(), AS_OF) == evaluate(spec_case(), AS_OF)
        with pytest.raises(InvalidCaseError, match=r"\$\.practitioners"):
            evaluate({**spec_case().to_dict(), "practitioners": 0}, AS_OF)

    @pytest.mark.parametrize(
        ("kwargs", "error", "match"),
        [
            ({"as_of": datetime(2025, 9, 1, 12, 0)}, NaiveDatetimeError, "as_of"),
            ({"as_of": "2025-09-01"}, InvalidArgumentError, "as_of"),
            ({"calendar": "quebec-cpc"}, InvalidArgumentError, "calendar: expected a Business"),
            (
                {"ruleset": list(RULES.values())},
                InvalidArgumentError,
                "ruleset: expected a Ruleset",
            ),
            ({"readings": ["no-such-reading"]}, InvalidArgumentError, "readings: expected reading"),
            ({"readings": "civil-procedure"}, InvalidArgumentError, "readings: expected an iter"),
            (
                {"readings": ["procedure-2024", "civil-procedure"]},
                InvalidArgumentError,
                "one reading of each topic",
            ),
        ],
    )
    def test_bad_arguments(self, kwargs, error, match):
        """Bad arguments raise a DmeRulesError naming them."""
        arguments = {"as_of": AS_OF, **kwargs}
        as_of = arguments.pop("as_of")
        with pytest.raises(error, match=match):
            evaluate(spec_case(), as_of, **arguments)

    def test_check_refuses_a_non_case(self):
        """Rule.check() refuses anything but a MigrationCase."""
        with pytest.raises(InvalidArgumentError, match="subject: expected a MigrationCase"):
            EXTRACTION_DEADLINE.check({"case_id": "x"}, AS_OF)  # type: ignore[arg-type]


class TestReport:
    """The report's JSON and decision record."""

    def test_keys(self):
        """The report's JSON has the SPEC §8 keys."""
        document = evaluate(spec_case(), AS_OF).to_dict()
        assert ["case_id", "as_of", "library_version", "status", "findings", "decision"] == list(
            document
        )
        assert {"input_digest", "ruleset_digest", "calendar", "library_version"} == set(
            document["decision"]
        )
        assert dme_rules.__version__ == document["library_version"]
        assert "2025-09-01T12:00:00-04:00" == document["as_of"]

    def test_same_input_same_bytes(self):
        """Two evaluations of the same case give byte-identical JSON."""
        first = evaluate(spec_case(), AS_OF).to_json()
        second = evaluate(MigrationCaseCopy.of(spec_case()), AS_OF).to_json()
        assert first.encode() == second.encode()

    def test_one_cent_changes_the_input_digest(self):
        """A one-cent change of a fee changes the input digest, not the ruleset digest."""
        before = evaluate(spec_case(), AS_OF).decision()
        after = evaluate(change(spec_case(), extraction__fee=Decimal("1800.01")), AS_OF).decision()
        assert before["input_digest"] != after["input_digest"]
        assert before["ruleset_digest"] == after["ruleset_digest"]

    def test_ruleset_digest_follows_the_versions(self):
        """A 2022 request is judged by other versions: another ruleset digest."""
        later = evaluate(spec_case(), AS_OF).decision()["ruleset_digest"]
        earlier = evaluate(
            change(spec_case(), request_transmitted_at=at("2022-06-20T16:45:00-04:00")), AS_OF
        ).decision()["ruleset_digest"]
        assert later.startswith("sha256:")
        assert later != earlier

    def test_messages_in_english(self):
        """to_dict('en') writes English messages."""
        document = evaluate(spec_case(), AS_OF).to_dict("en")
        assert document["findings"][0]["message"].startswith("Data extraction deadline: compliant")

    def test_json_is_valid_and_money_is_text(self):
        """Amounts and caps are decimal strings in JSON."""
        document = json.loads(evaluate(spec_case(), AS_OF).to_json())
        cap = next(
            f for f in document["findings"] if f["rule_id"] == "qc.migration.extraction-fee-cap"
        )
        assert ("1800.00", "2000") == (cap["amount"], cap["cap"])

    def test_str_is_a_table_with_the_verdict_last(self):
        """str(report): a heading, a row per finding under the column names, the verdict."""
        report = evaluate(spec_case(), AS_OF)
        lines = str(report).splitlines()
        assert "Dossier 2025-0147 — évalué au 2025-09-01 12:00" == lines[0]
        assert lines[2].startswith("règle")
        assert len(report.findings) == len(lines[3:-2])
        for line, finding in zip(lines[3:-2], report.findings, strict=True):
            assert line.startswith(RULES[finding.rule_id].title("fr"))
        assert "Verdict\u00a0: non conforme" == lines[-1]

    def test_unknown_language(self):
        """A language other than fr or en is refused."""
        with pytest.raises(InvalidArgumentError, match="lang: expected fr or en"):
            evaluate(spec_case(), AS_OF).to_dict("de")


class TestFinding:
    """A finding is an immutable, plain value."""

    def finding(self):
        return evaluate(spec_case(), AS_OF).finding("qc.migration.extraction-deadline")

    def test_immutable(self):
        """Its fields cannot be assigned."""
        with pytest.raises(AttributeError):
            self.finding().status = Status.VIOLATION  # type: ignore[misc]

    def test_a_plain_value(self):
        """A finding holds codes and numbers only: rebuilt from its fields, it is equal, and
        its hash leaves out the details."""
        found = self.finding()
        twin = Finding(**found._asdict())
        assert (True, False, hash(found)) == (found == twin, found != twin, hash(twin))
        assert hash(found) == hash(found._replace(details={"other": 1}))

    def test_a_different_field_is_unequal(self):
        """One field differs: unequal."""
        found = self.finding()
        assert found != found._replace(days_late=1)

    def test_never_equal_to_a_plain_tuple(self):
        """A tuple of the same values is not a finding."""
        found = self.finding()
        assert (False, True) == (found == tuple(found), found != tuple(found))

    def test_repr_names_the_fields(self):
        """The repr names the fields, starting with the rule's id."""
        text = repr(self.finding())
        assert text.startswith("Finding(rule_id='qc.migration.extraction-deadline'")


class TestSuccessiveCalls:
    """Each evaluate call sees its own arguments, whatever the call before it passed."""

    def test_the_same_instant_written_otherwise_is_reported_as_given(self):
        """The same instant in UTC right after Montreal time: each report keeps its own."""
        in_utc = AS_OF.astimezone(UTC)
        first, second = evaluate(spec_case(), AS_OF), evaluate(spec_case(), in_utc)
        assert (AS_OF.isoformat(), in_utc.isoformat()) == (
            first.to_dict()["as_of"],
            second.to_dict()["as_of"],
        )

    def test_a_different_calendar_is_used(self):
        """Same as_of object, another calendar: the report names the new one."""
        evaluate(spec_case(), AS_OF)
        assert "quebec-lnt" == evaluate(spec_case(), AS_OF, calendar=QUEBEC_LNT).calendar

    def test_a_list_of_readings_changed_in_place_is_read_again(self):
        """The same list object, emptied between two calls: the second call counts the
        procedure way again (extraction due Mon 14 July, not Fri 11 July)."""
        readings = [CIVIL_PROCEDURE]
        first = evaluate(spec_case(), AS_OF, readings=readings)
        readings.clear()
        second = evaluate(spec_case(), AS_OF, readings=readings)
        assert [date(2025, 7, 11), date(2025, 7, 14)] == [
            report.finding("qc.migration.extraction-deadline").due for report in (first, second)
        ]

    def test_another_instant_is_seen(self):
        """Same case, a later as_of: the overdue complaint's lateness grows with it."""
        case = spec_case()
        earlier = evaluate(case, AS_OF).finding("qc.bch.complaint-follow-up")
        later = evaluate(case, AS_OF + timedelta(days=1)).finding("qc.bch.complaint-follow-up")
        # One more day: 24 more hours of real time.
        assert earlier.details["minutes_late"] + 24 * 60 == later.details["minutes_late"]

    def test_a_new_instant_moves_the_context(self):
        """Same calendar, a new as_of object: the report is the one a fresh evaluation at
        that instant gives (the context is moved to it, its clocks shared)."""
        case = spec_case()
        evaluate(case, AS_OF)
        later = AS_OF + timedelta(hours=5)
        moved = evaluate(case, later).to_json()
        evaluate(case, AS_OF, calendar=QUEBEC_LNT)  # another calendar: a context of its own
        assert evaluate(case, later).to_json() == moved

    def test_a_clinic_calendar_is_not_kept(self):
        """Once a clinic's calendar is no longer used (another calendar evaluated since),
        nothing in the library keeps it alive: its table of megabytes is freed with it."""
        clinic = QUEBEC_CPC.with_closures([date(2025, 8, 21)])
        evaluate(spec_case(), AS_OF, calendar=clinic)  # the complaint's clock runs on it
        evaluate(spec_case(), AS_OF)
        alive = weakref.ref(clinic)
        del clinic
        gc.collect()
        assert alive() is None


class TestContext:
    """Context: the circumstances of an evaluation."""

    def test_with_as_of(self):
        """Another instant, the same calendar, readings and schedule."""
        context = Context.at(AS_OF, zone=MONTREAL, calendar=QUEBEC_LNT, readings=[CIVIL_PROCEDURE])
        moved = context.with_as_of(at("2025-09-02T01:30:00+00:00"))  # 1 Sept 21:30 in Montreal
        assert (date(2025, 9, 1), QUEBEC_LNT, (CIVIL_PROCEDURE,)) == (
            moved.today,
            moved.calendar,
            moved.readings,
        )

    def test_with_a_naive_as_of_refused(self):
        """A naive instant is refused, naming as_of."""
        with pytest.raises(NaiveDatetimeError, match="as_of"):
            QUEBEC.context(AS_OF).with_as_of(datetime(2025, 9, 1, 12))


class TestEvaluateMany:
    """evaluate_many() streams reports."""

    def test_generator_of_cases(self):
        """A generator of a thousand cases gives a thousand reports, lazily."""
        cases = (attrs.evolve(spec_case(), case_id=str(i)) for i in range(1000))
        reports = evaluate_many(cases, AS_OF)
        first = next(reports)
        assert "0" == first.case_id
        assert 999 == sum(1 for _ in reports)

    def test_arguments_checked_before_the_first_case(self):
        """A naive as_of is refused at the call, not at the first report."""
        with pytest.raises(NaiveDatetimeError):
            evaluate_many(iter([]), datetime(2025, 9, 1))

    def test_bad_case_named_by_index(self):
        """A malformed mapping in the stream is named by its index."""
        reports = evaluate_many([spec_case(), 42], AS_OF)
        next(reports)
        with pytest.raises(InvalidArgumentError, match=r"cases\[1\]"):
            next(reports)

    @pytest.mark.parametrize("position", [0, 5, 63, 64, 70, 130])
    def test_reports_before_a_bad_case_come_first(self, position):
        """Cases are read ahead in batches; the reports on the cases before a malformed one
        still come, in order, before its error."""
        cases: list[object] = [attrs.evolve(spec_case(), case_id=str(i)) for i in range(140)]
        cases[position] = {"case_id": "bad"}
        reports = evaluate_many(cases, AS_OF)
        assert [str(i) for i in range(position)] == [next(reports).case_id for _ in range(position)]
        with pytest.raises(InvalidCaseError, match=rf"cases\[{position}\]"):
            next(reports)

    @pytest.mark.parametrize("position", [0, 3, 40, 64, 100])
    def test_reports_before_a_case_the_calendar_cannot_count_come_first(self, position):
        """A case whose deadline falls after 2200 raises, at its turn and after the reports
        on the cases before it, an error naming its request's instant."""
        cases = [attrs.evolve(spec_case(), case_id=str(i)) for i in range(130)]
        cases[position] = minimal_case(request_transmitted_at=at("2200-12-20T10:00:00-05:00"))
        reports = evaluate_many(cases, at("2200-12-31T12:00:00-05:00"))
        assert [str(i) for i in range(position)] == [next(reports).case_id for _ in range(position)]
        with pytest.raises(InvalidCaseError, match=rf"cases\[{position}\]\.request_transmitted_at"):
            next(reports)

    def test_an_iterator_that_fails(self):
        """An error raised by the caller's iterator comes after the reports before it."""

        def cases():
            yield spec_case()
            raise OSError("disk")

        reports = evaluate_many(cases(), AS_OF)
        assert "2025-0147" == next(reports).case_id
        with pytest.raises(OSError, match="disk"):
            next(reports)


class MigrationCaseCopy:
    """An equal but distinct case object, rebuilt from its JSON."""

    @staticmethod
    def of(case):
        return type(case).from_json(case.to_json())


class TestPickling:
    """Reports cross process boundaries (a process pool returning them)."""

    def test_a_report_pickles_small_and_equal(self):
        """Pickled and back, a report is equal, writes the same JSON and refers to the one
        registered Quebec pack, which is pickled by its id (not with its calendars' tables)."""
        report = evaluate(spec_case(), AS_OF)
        data = pickle.dumps(report)
        again = pickle.loads(data)
        assert (report, report.to_json()) == (again, again.to_json())
        assert QUEBEC is again.jurisdiction
        assert len(data) < 50_000

    def test_a_ruleset_pickles_as_its_rules(self):
        """A ruleset pickles as its rules, its lookups left behind."""
        RULES.for_subject(type(spec_case()))  # caches to leave behind
        RULES.digest(date(2025, 6, 20))
        again = pickle.loads(pickle.dumps(RULES))
        assert list(RULES) == list(again)
        assert RULES["qc.migration.import-deadline"] is again["qc.migration.import-deadline"]


class TestSharedWithinAnEvaluation:
    """Context.shared: computed once per subject and key, never carried to another subject."""

    def test_once_per_subject_rule_and_version(self):
        """A value belongs to the subject, the rule object and the version object that
        computed it: an evolved rule with the same id, or another version, computes its own."""
        from dme_rules import IMPORT_DEADLINE, QUEBEC

        context = QUEBEC.context(AS_OF)
        first, second = spec_case(), spec_case()  # equal, but two subjects
        rule, (v1, v2) = IMPORT_DEADLINE, IMPORT_DEADLINE.versions
        evolved = attrs.evolve(IMPORT_DEADLINE, title_en="Evolved")  # same id, same versions
        calls = []

        def compute(tag):
            calls.append(tag)
            return len(calls)

        assert 1 == context.shared(first, rule, v2, compute, "a")
        assert 1 == context.shared(first, rule, v2, compute, "b")  # computed once
        assert 2 == context.shared(first, rule, v1, compute, "c")  # another version
        assert 3 == context.shared(first, evolved, v2, compute, "d")  # another rule object
        assert 4 == context.shared(second, rule, v2, compute, "e")  # another subject
        assert 5 == context.shared(first, rule, v2, compute, "f")  # only the last subject kept
        assert ["a", "c", "d", "e", "f"] == calls

    def test_an_evolved_rule_is_judged_by_itself(self):
        """A caller's version 2 of the pre-analysis rule (10 business days from 2025-01-01),
        in a ruleset with the import deadline: its finding is its own, as check() gives it
        (submitted 07-15 + 10 business days = 07-29; validated 07-28, on time)."""
        from dme_rules import IMPORT_DEADLINE, PREANALYSIS_VALIDATION, Period, Ruleset
        from dme_rules.jurisdictions.qc.parameters import BusinessDays

        current = PREANALYSIS_VALIDATION.versions[0]
        first = attrs.evolve(current, period=current.period.ending(date(2024, 12, 31)))
        notice = Period(effective_from=date(2025, 1, 1), basis="A test's notice.",
                        basis_fr="L'avis d'un test.")  # fmt: skip
        ten = BusinessDays(business_days=10)
        second = attrs.evolve(first, version="2", period=notice, parameters=ten)
        evolved = attrs.evolve(PREANALYSIS_VALIDATION, versions=(first, second))
        case = change(spec_case(), preanalysis__validated_on=date(2025, 7, 28))
        report = evaluate(case, AS_OF, ruleset=Ruleset([IMPORT_DEADLINE, evolved]))
        (alone,) = evolved.check(case, AS_OF)
        found = report.finding(evolved.id)
        assert alone == found
        assert ("2", Status.COMPLIANT, date(2025, 7, 29)) == (
            found.rule_version, found.status, found.due
        )  # fmt: skip

    def test_a_stream_gives_what_each_evaluation_gives(self):
        """The same subject twice in a row, then others, through one context: each report
        equals evaluate()'s."""
        late = change(spec_case(), preanalysis__validated_on=date(2025, 7, 30))
        cases = [late, late, spec_case(), late, change(late, standard_scope=False)]
        for readings in ((), ("clinic-delay-noted", "ninety-days")):
            reports = list(evaluate_many(cases, AS_OF, readings=readings))
            assert [evaluate(case, AS_OF, readings=readings) for case in cases] == reports


def test_before_the_request_the_findings_report_the_callers_readings():
    """Seen before the request, each finding still says which readings apply, the caller's
    included, and which it ignores."""
    sent = spec_case().request_transmitted_at
    report = evaluate(spec_case(), sent - timedelta(seconds=1),
                      readings=["civil-procedure", "office-hours"])  # fmt: skip
    extraction = report.finding("qc.migration.extraction-deadline")
    assert "civil-procedure" in extraction.readings
    assert ("office-hours",) == extraction.details["readings_ignored"]
    assert ("office-hours", "court-calendar") == (
        report.finding("qc.bch.complaint-follow-up").readings
    )
    assert {"not_yet_requested"} == {finding.reason for finding in report.findings}


class TestOnePath:
    """evaluate runs each rule's findings(), the very code check() runs."""

    def test_evaluate_runs_the_rules_findings(self):
        """A rule whose findings() adds a detail: evaluate's finding has it, as check's does
        (the evaluation does not judge the rule another way)."""
        from dme_rules import READ_ONLY_ACCESS

        class Marked(type(READ_ONLY_ACCESS)):
            def findings(self, subject, context):
                return tuple(
                    finding._replace(details={**finding.details, "marked": True})
                    for finding in super().findings(subject, context)
                )

        fields = attrs.fields(type(READ_ONLY_ACCESS))
        marked = Marked(**{f.alias: getattr(READ_ONLY_ACCESS, f.name) for f in fields if f.init})
        (alone,) = marked.check(spec_case(), AS_OF)
        (found,) = evaluate(spec_case(), AS_OF, ruleset=Ruleset([marked])).findings
        assert alone == found
        assert found.details["marked"]

    def test_the_findings_before_the_start_and_after_it_name_the_choice(self):
        """Before the request and after it, with readings chosen, check and evaluate give the
        same findings, each naming the readings it applied."""
        for as_of in (spec_case().request_transmitted_at - timedelta(seconds=1), AS_OF):
            report = evaluate(spec_case(), as_of, readings=["civil-procedure"])
            for rule in RULES.for_subject(type(spec_case())):
                found = rule.check(spec_case(), as_of, readings=[CIVIL_PROCEDURE])
                assert list(found) == [f for f in report.findings if f.rule_id == rule.id]
