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

    def test_the_last_date_as_of_says_the_real_limit(self, capsys):
        """--as-of 2200-12-31 is refused as a date past the last one whose end (24:00, the
        instant 00:00 on 2201-01-01) is within the supported years, 2200-12-30, not as an
        instant without an offset; 2200-12-30 is taken."""
        assert 2 == main(["check", str(EXAMPLE), "--as-of", "2200-12-31"])
        err = capsys.readouterr().err
        assert "attendu une date du 1900-01-01 au 2200-12-30" in err
        assert "expected a date from 1900-01-01 to 2200-12-30" in err
        assert main(["check", str(EXAMPLE), "--as-of", "2200-12-30"]) in (0, 1)

    def test_an_internal_error_exits_3(self, capsys, monkeypatch):
        """A bug is one line asking to report it, exit 3, never 1 (a verdict)."""
        import dme_rules.cli.check

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("a bug")

        monkeypatch.setattr(dme_rules.cli.check, "evaluate", broken)
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


class _BrokenZone(tzinfo_base := __import__("datetime").tzinfo):
    """A time zone whose offset cannot be asked."""

    def utcoffset(self, dt: object) -> None:
        raise RuntimeError("no offset")


class _OddKeys(__import__("collections.abc").abc.Mapping):
    """A mapping whose keys are lists (unhashable)."""

    def __getitem__(self, key: object) -> object:
        return 1

    def __iter__(self):
        return iter([[1]])

    def __len__(self) -> int:
        return 1


class TestHostileArguments:
    """What a hostile tester found past the fuzzer, each now a DmeRulesError or a sound
    result."""

    def test_the_callers_decimal_context_changes_nothing(self):
        """7 practitioners x $1,500 = $10,500 caps a fee of $10,200, whatever the precision
        and traps of the caller's decimal context."""
        import decimal

        imported = {"completed_on": "2025-08-05", "fee": "10200"}
        document = case_with(practitioners=7, target_solution="Omnimed", source_solution="MYLE",
                             **{"import": imported})  # fmt: skip
        with decimal.localcontext() as context:
            context.prec = 2
            context.traps[decimal.Inexact] = True
            context.traps[decimal.Rounded] = True
            found = evaluate(document, AS_OF).finding("qc.migration.import-fee-cap")
            message = found.message("fr")
        assert ("compliant", Decimal("10500")) == (found.status.value, found.cap)
        assert "10\u202f500,00\u00a0$" in message

    def test_why_the_system_refused_a_file(self):
        """The usual reasons in words in each language; another number named in French with
        the system's words in English; an error without a number by its own words."""
        import errno

        from dme_rules.errors import why_not

        assert ("c'est un dossier", "it is a directory") == why_not(
            IsADirectoryError(errno.EISDIR, "Is a directory")
        )
        assert ("erreur système n° 5", "Input/output error") == why_not(
            OSError(errno.EIO, "Input/output error")
        )
        assert ("no standard input", "no standard input") == why_not(OSError("no standard input"))

    def test_errors_pickle(self):
        """Every error of the family pickles with its message and fields; a worker process
        of a pool sends it back instead of breaking the pool."""
        from dme_rules.errors import (
            CalendarRangeError,
            FloatAmountError,
            NaiveDatetimeError,
            NotInForceError,
            UnknownRuleError,
        )

        errors = [InvalidCaseError("$.x", "y"), InvalidArgumentError("f", "x", 1),
                  NaiveDatetimeError("f", 1), CalendarRangeError(1, 1900, 2200),
                  FloatAmountError("f", 1.5), NotInForceError("r", "d", "f"),
                  UnknownRuleError("r", ["a"])]  # fmt: skip
        for error in errors:
            again = pickle.loads(pickle.dumps(error))
            assert (type(error), str(error), vars(error)) == (type(again), str(again), vars(again))
            # Its message is its French, " / ", its English; each is there alone too.
            assert str(error) == f"{again.text('fr')} / {again.text('en')}"
            assert "attendu" not in again.text("en")
            assert "expected" not in again.text("fr")
        with (
            ProcessPoolExecutor(max_workers=1) as pool,
            pytest.raises(InvalidCaseError, match=r"\$\.case_id"),
        ):
            pool.submit(MigrationCase.from_json, "{}").result()

    @pytest.mark.parametrize(
        ("call", "field"),
        [
            (lambda: evaluate(spec_case(), AS_OF, readings=[[]]), "readings"),
            (lambda: evaluate(spec_case(), AS_OF, readings=["civil-procedure", {}]), "readings"),
            (lambda: period_end(AS_OF, 21, calendar=None), "calendar"),
            (lambda: __import__("dme_rules").official_start(AS_OF, calendar=None), "calendar"),
            (lambda: __import__("dme_rules").EXTRACTION_DEADLINE.due(AS_OF, readings=None),
             "readings"),
            (lambda: __import__("dme_rules").end_of_day(None), "day"),
            (lambda: __import__("dme_rules").end_of_day(date.max), "supported years"),
            (lambda: __import__("dme_rules").find_solution(None), "name"),
            (lambda: evaluate(spec_case(), AS_OF).lines(note=None), "note"),
            (lambda: evaluate(spec_case(), AS_OF).to_json(indent=1.5), "indent"),
            (lambda: evaluate(spec_case(), AS_OF).message(None), "finding"),
            (lambda: spec_case().__class__.from_dict(SPEC).to_json() and
             evaluate(spec_case(), AS_OF).lines(lang=None), "lang"),
            (lambda: evaluate(spec_case(), AS_OF).explain("nope"), "rule_id"),
            (lambda: evaluate(spec_case(), AS_OF).finding("nope"), "rule_id"),
            (lambda: __import__("dme_rules.dataframes").dataframes.reports_to_dataframe(None),
             "reports"),
            (lambda: evaluate(spec_case(), datetime(2025, 9, 1, tzinfo=_BrokenZone())), "as_of"),
            (lambda: MigrationCase.from_dict(_OddKeys()), "$"),
            (lambda: MigrationCase.from_dict(case_with(practitioners=10**30 + 1)),
             "practitioners"),
        ],
    )  # fmt: skip
    def test_refused_naming_the_argument(self, call, field):
        with pytest.raises(DmeRulesError, match=re_escape(field)):
            call()

    def test_an_unknown_rule_is_still_a_key_error(self):
        with pytest.raises(KeyError):
            evaluate(spec_case(), AS_OF).finding("nope")

    @pytest.mark.parametrize(
        "text", ["\ufe0f", "\u034f", "\u3164", "\uffa0", "\u115f", "\u2800", "\u0301",
                 "\U000e0100", "\u180b"],
    )  # fmt: skip
    def test_text_that_shows_nothing(self, text):
        with pytest.raises(InvalidCaseError, match=r"\$\.case_id"):
            MigrationCase.from_dict(case_with(case_id=text))
        with pytest.raises(InvalidCaseError, match=r"\$\.feature"):
            ConsentAnswers.from_dict(
                {"subject": ConsentAnswers.kind, "assessed_on": "2025-03-01", "feature": text}
            )


def re_escape(text: str) -> str:
    import re

    return re.escape(text)


class TestHostileCommandLines:
    def run(self, *argv: str, stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dme_rules.cli", *argv], stdin=stdin,
                              capture_output=True, check=False)  # fmt: skip

    def test_a_case_id_that_looks_like_tex(self, tmp_path):
        """A case id "$\\foo$" is text in the picture: drawn, the verdict's exit code."""
        path = tmp_path / "case.json"
        path.write_text(json.dumps(case_with(case_id="$\\foo$" + "{" * 50)), encoding="utf-8")
        done = self.run("check", str(path), "--as-of", "2025-09-01", "--plot",
                        str(tmp_path / "t.png"))  # fmt: skip
        assert (1, b"") == (done.returncode, done.stderr)
        assert (tmp_path / "t.png").stat().st_size > 1000

    @pytest.mark.parametrize("plot", ["t.pgf", "", "folder/", "t"])
    def test_a_picture_format_that_is_not_offered(self, tmp_path, plot):
        done = self.run("check", str(EXAMPLE), "--as-of", "2025-09-01", "--plot",
                        str(tmp_path / plot) if plot else "")  # fmt: skip
        assert 2 == done.returncode
        assert 1 == len(done.stderr.strip().splitlines())

    def test_line_breaks_in_names_stay_on_one_line(self, tmp_path):
        """A key, a file name or an argument with a line break: one line on stderr."""
        answers = tmp_path / "answers.json"
        answers.write_text('{"assessed_on": "2025-03-01", "feature": "x", "answers": '
                           '{"a\\nb": "yes"}}', encoding="utf-8")  # fmt: skip
        for argv in (["consent", str(answers)], ["check", str(tmp_path / "no\nfile.json")],
                     ["check", str(EXAMPLE), "--x\ny"]):  # fmt: skip
            done = self.run(*argv)
            assert 2 == done.returncode, argv
            assert 1 == len(done.stderr.strip().splitlines()), argv

    def test_a_closed_standard_input(self):
        done = subprocess.run(
            [sys.executable, "-c", "import os, sys; os.close(0); sys.stdin = None; "
             "from dme_rules.cli import main; sys.exit(main(['check', '-']))"],
            capture_output=True, check=False,
        )  # fmt: skip
        assert (2, 1) == (done.returncode, len(done.stderr.strip().splitlines()))

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
    def test_a_full_disk(self):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "dme_rules.cli", "calendar", "2026"],
                                  stdout=full, stderr=subprocess.PIPE, check=False)  # fmt: skip
        assert (2, 1) == (done.returncode, len(done.stderr.strip().splitlines()))
