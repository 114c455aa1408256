"""Nothing escapes but DmeRulesError (SPEC §6, §8, §9): each reproducer of a crash or of a
bad input accepted, the command line's exit codes and encodings, pickling, threads and
processes."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from dme_rules import (
    QUEBEC_CPC,
    QUEBEC_LNT,
    RULES,
    ConsentAnswers,
    DmeRulesError,
    Extraction,
    InvalidArgumentError,
    InvalidCaseError,
    MigrationCase,
    business_hours_due,
    evaluate,
    evaluate_many,
    period_end,
    sensitivity,
)
from dme_rules.cli import main

from .cases import at, spec_case

EXAMPLE = Path(__file__).parent.parent / "examples" / "cases" / "spec-example.json"
SPEC = json.loads(EXAMPLE.read_text(encoding="utf-8"))
AS_OF = at("2025-09-01T12:00:00-04:00")


def case_with(**changes: object) -> dict[str, object]:
    """The SPEC example's JSON with top-level keys changed."""
    return {**SPEC, **changes}


class TestRefusedWhenRead:
    """Each input the issue found accepted or crashing is refused, naming the field."""

    @pytest.mark.parametrize(
        ("document", "path"),
        [
            (case_with(request_transmitted_at="0001-01-01T00:00:00+14:00"),
             "$.request_transmitted_at"),
            (case_with(request_transmitted_at="9999-12-31T23:59:59-12:00"),
             "$.request_transmitted_at"),
            (case_with(calendar={**SPEC["calendar"], "access_removed_on": "9999-12-31"}),
             "$.calendar.access_removed_on"),
            (case_with(complaints=[{"filed_at": "2025-08-20T10:00:00-04:00",
                                    "followed_up_at": "0001-01-01T00:00:00+00:00"}]),
             "$.complaints[0].followed_up_at"),
            (case_with(case_id="\ud800"), "$.case_id"),
            (case_with(case_id="\u200b"), "$.case_id"),  # only a zero-width space
            (case_with(extraction={"delivered_on": "0001-01-01"}), "$.extraction.delivered_on"),
            (case_with(extraction={"delivered_on": "2025-06-19"}), "$.extraction.delivered_on"),
            (case_with(complaints=[{"filed_at": "2025-08-20T10:00:00-04:00",
                                    "followed_up_at": "2025-08-20T09:59:59-04:00"}]),
             "$.complaints[0].followed_up_at"),
            (case_with(extraction={"fee": "\u0665\u0660\u0660"}), "$.extraction.fee"),  # Arabic
            (case_with(extraction={"fee": "\uff15\uff10\uff10"}), "$.extraction.fee"),  # full width
            (case_with(extraction={"fee": "1E+3"}), "$.extraction.fee"),
            (case_with(extraction={"fee": "-0"}), "$.extraction.fee"),
            (case_with(read_only_access={"until": "2025-08-04", "fee": "0"}),
             "$.read_only_access.until"),  # before the import's production on 08-05
        ],
    )  # fmt: skip
    def test_refused_naming_the_field(self, document, path):
        with pytest.raises(InvalidCaseError) as error:
            MigrationCase.from_dict(document)
        assert path == error.value.path

    def test_deep_nesting(self):
        """1,000 opening brackets: refused at $, not a RecursionError."""
        with pytest.raises(InvalidCaseError, match=r"\$: expected JSON nested"):
            MigrationCase.from_json("[" * 1000)
        with pytest.raises(InvalidCaseError, match=r"\$: expected JSON nested"):
            MigrationCase.from_json("[" * 100_000 + "]" * 100_000)

    def test_a_key_given_twice(self):
        """{"practitioners": 4, "practitioners": 40} does not silently give 40."""
        text = EXAMPLE.read_text(encoding="utf-8").replace(
            '"practitioners": 4,', '"practitioners": 4, "practitioners": 40,'
        )
        with pytest.raises(InvalidCaseError, match='"practitioners" is given twice'):
            MigrationCase.from_json(text)

    def test_an_impossible_date_is_said_so(self):
        """2025-02-30 has its offset: the error says the date does not exist."""
        with pytest.raises(InvalidCaseError, match="2025-02-30T10:00:00-05:00 does not exist"):
            MigrationCase.from_dict(case_with(request_transmitted_at="2025-02-30T10:00:00-05:00"))

    def test_not_utf8(self):
        with pytest.raises(InvalidCaseError, match="UTF-8 text"):
            MigrationCase.from_json(b'{"case_id": "\xff"}')


class TestWrittenBack:
    """Amounts are written as plain decimals and read back equal (SPEC §6)."""

    @pytest.mark.parametrize(
        ("amount", "written"),
        [("0.0000000", "0.0000000"), ("1E+3", "1000"), ("-0", "0"), ("1500", "1500"),
         ("0.00", "0.00"), ("123456789012345.12", "123456789012345.12")],
    )  # fmt: skip
    def test_plain_decimals(self, amount, written):
        case = attrs.evolve(spec_case(), extraction=Extraction(fee=Decimal(amount)))
        document = case.to_dict()
        assert written == document["extraction"]["fee"]
        assert case == MigrationCase.from_dict(document)

    @pytest.mark.parametrize("amount", ["1E+16", "1E-21", "NaN", "-1"])
    def test_amounts_out_of_bounds(self, amount):
        with pytest.raises(InvalidArgumentError, match="fee"):
            Extraction(fee=Decimal(amount))


class TestApiArguments:
    """Arguments at the edges raise a DmeRulesError naming them."""

    def test_a_request_whose_deadlines_leave_the_years(self):
        """A request of 2200-11-17: its import deadline falls in 2201; the error names the
        request's instant."""
        case = MigrationCase.from_dict(
            {key: SPEC[key] for key in ("case_id", "source_solution", "target_solution",
                                        "practitioners")}
            | {"request_transmitted_at": "2200-11-17T10:00:00-05:00"}
        )  # fmt: skip
        with pytest.raises(InvalidCaseError, match=r"\$\.request_transmitted_at"):
            evaluate(case, at("2200-12-01T10:00:00-05:00"))

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda: QUEBEC_CPC.with_closures(None), "days"),
            (lambda: evaluate_many(None, AS_OF), "cases"),
            (lambda: period_end(AS_OF, 10**9), "days"),
            (lambda: business_hours_due(AS_OF, 10**12), "hours"),
            (lambda: evaluate(spec_case(), datetime(9999, 12, 31, 23, 59, 59,
                                                    tzinfo=AS_OF.tzinfo)), "as_of"),
            (lambda: evaluate(spec_case(), AS_OF, readings=None), "readings"),
            (lambda: evaluate(spec_case(), AS_OF, calendar=object()), "calendar"),
        ],
    )  # fmt: skip
    def test_refused_naming_the_argument(self, call, field):
        with pytest.raises(DmeRulesError, match=field):
            call()


class TestCommandLine:
    """Exit 0/1 are verdicts, 2 bad input, 3 a bug; any terminal; standard input."""

    @pytest.mark.parametrize(
        "argv",
        [
            ["check", str(EXAMPLE), "--as-of", "9999-12-31T23:59:59-12:00"],
            ["check", str(EXAMPLE), "--as-of", "0001-01-01T00:00:00+14:00"],
            ["deadlines", "--transmitted", "9999-12-31T23:59:59-12:00"],
            ["deadlines", "--transmitted", "0001-01-01T00:00:00+14:00"],
            ["rules", "--as-of", "0001-01-01"],
            ["check", str(EXAMPLE), "--as-of", "2200-12-31"],
        ],
    )
    def test_edges_are_bad_input(self, capsys, argv):
        assert 2 == main(argv)
        out, err = capsys.readouterr()
        assert ("", 1) == (out, len(err.strip().splitlines()))

    def test_an_internal_error_exits_3(self, capsys, monkeypatch):
        """A bug is one line asking to report it, exit 3, never 1 (a verdict)."""
        import dme_rules.cli

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(dme_rules.cli, "evaluate", broken)
        assert 3 == main(["check", str(EXAMPLE), "--as-of", "2025-09-01"])
        out, err = capsys.readouterr()
        assert "" == out
        assert "internal error (RuntimeError); please report it" in err
        assert 1 == len(err.strip().splitlines())

    def test_a_date_as_of_is_the_end_of_that_day(self, capsys):
        """--as-of 2025-07-14 is 24:00 that day in Montreal: the extraction due that day is
        still running; --as-of 2025-07-15 sees it overdue (minimal case of the 06-20
        request)."""
        minimal = {key: SPEC[key] for key in ("case_id", "request_transmitted_at",
                                              "source_solution", "target_solution",
                                              "practitioners")}  # fmt: skip
        path = Path(self._tmp) / "minimal.json"
        path.write_text(json.dumps(minimal), encoding="utf-8")
        statuses = []
        for day in ("2025-07-14", "2025-07-15"):
            main(["check", str(path), "--as-of", day, "--format", "json"])
            document = json.loads(capsys.readouterr().out)
            assert f"{date.fromisoformat(day) + timedelta(1)}T00:00:00-04:00" == (document["as_of"])
            found = next(f for f in document["findings"]
                         if f["rule_id"] == "qc.migration.extraction-deadline")  # fmt: skip
            statuses.append(found["status"])
        assert ["pending", "violation"] == statuses

    @pytest.fixture(autouse=True)
    def _tmp_dir(self, tmp_path):
        self._tmp = str(tmp_path)

    def run(self, *argv: str, stdin: bytes = b"", encoding: str = "utf-8"):
        return subprocess.run(
            [sys.executable, "-m", "dme_rules.cli", *argv],
            input=stdin,
            capture_output=True,
            env={"PYTHONIOENCODING": encoding, "PATH": "/usr/bin:/bin"},
            check=False,
        )

    def test_standard_input(self):
        """A case file - is read from standard input."""
        done = self.run("check", "-", "--as-of", "2025-09-01", "--format", "json",
                        stdin=EXAMPLE.read_bytes())  # fmt: skip
        assert 1 == done.returncode
        assert "2025-0147" == json.loads(done.stdout)["case_id"]

    @pytest.mark.parametrize("encoding", ["cp1252", "ascii", "latin-1"])
    def test_any_terminal_encoding(self, encoding):
        """French words and narrow no-break spaces on a terminal that lacks them: replaced,
        the verdict's exit code kept, nothing on stderr."""
        done = self.run("check", str(EXAMPLE), "--as-of", "2025-09-01", encoding=encoding)
        assert (1, b"") == (done.returncode, done.stderr)
        assert b"Verdict" in done.stdout


class TestPickling:
    """Reports, findings, cases, rules and calendars pickle and unpickle equal (SPEC §9)."""

    def test_everything_pickles(self):
        report = evaluate(spec_case(), AS_OF)
        answers = ConsentAnswers(feature="Agenda", assessed_on=date(2025, 3, 1), answers={})
        values = [report, *report.findings, spec_case(), answers, evaluate(answers, AS_OF),
                  QUEBEC_CPC, QUEBEC_LNT, QUEBEC_CPC.with_closures([date(2025, 12, 24)]),
                  RULES, *RULES.values(), sensitivity(spec_case(), AS_OF)]  # fmt: skip
        for value in values:
            assert value == pickle.loads(pickle.dumps(value)), type(value).__name__


def _stream(as_of: datetime) -> list[str]:
    """The JSON of the reports on twenty cases (run in a worker process)."""
    cases = [attrs.evolve(spec_case(), case_id=str(i)) for i in range(20)]
    return [report.to_json() for report in evaluate_many(cases, as_of)]


class TestConcurrency:
    def test_threads_agree_with_one_thread(self):
        """8 threads, each with its calendar and instant, give what one thread gives."""
        jobs = [
            (calendar, AS_OF + timedelta(days=days))
            for calendar in (QUEBEC_CPC, QUEBEC_LNT, QUEBEC_CPC.with_closures([date(2025, 7, 2)]))
            for days in (-60, 0, 30)
        ][:8]
        expected = [evaluate(spec_case(), as_of, calendar=c).to_json() for c, as_of in jobs]
        found: list[list[str]] = [[] for _ in jobs]
        barrier = threading.Barrier(len(jobs))

        def work(index: int) -> None:
            calendar, as_of = jobs[index]
            barrier.wait()
            for _ in range(50):
                found[index].append(evaluate(spec_case(), as_of, calendar=calendar).to_json())

        threads = [threading.Thread(target=work, args=(i,)) for i in range(len(jobs))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for index, reports in enumerate(found):
            assert [expected[index]] * 50 == reports

    def test_a_process_pool_gives_the_same_reports(self):
        """evaluate_many in worker processes gives the reports it gives here."""
        instants = [AS_OF, AS_OF + timedelta(days=90)]
        with ProcessPoolExecutor(max_workers=2) as pool:
            remote = list(pool.map(_stream, instants))
        assert [_stream(as_of) for as_of in instants] == remote
