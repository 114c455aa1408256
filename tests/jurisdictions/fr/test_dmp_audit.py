"""Every DMP rule audited at scale (``audit_dmp_logs``) gives, row for row, what evaluating
each record gives: on generated tables whose events sit on the rules' boundaries, under every
reading, at several instants, on DuckDB (and on Spark in ``test_dmp_audit_spark.py``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from dme_rules.errors import InvalidArgumentError, TableRowsError
from dme_rules.jurisdictions.fr.counting import PARIS

from .dmp_tables import arrow_tables, generate, oracle

pa = pytest.importorskip("pyarrow")
pc = pytest.importorskip("pyarrow.compute")
pytest.importorskip("duckdb")

from dme_rules.jurisdictions.fr.dmp_logs import (  # noqa: E402 - needs pyarrow
    DMP_COLUMNS,
    audit_dmp_logs,
)

#: The readings: the defaults, each alternative alone, every alternative together (each rule
#: reads at most two topics, so this covers every combination a rule can meet).
ALTERNATIVES = ("first-ever", "any-time", "next-working-day", "opposition-needs-motive",
                "retention-extended")  # fmt: skip
READINGS = [(), *((reading,) for reading in ALTERNATIVES), ALTERNATIVES]
#: Instants on the boundaries: 24:00 of a deposit's fourteenth day (2024-05-02 + 14 days), a
#: microsecond later, the rules' first instant, 24:00 of 28 February 2030 (a closure on
#: 29 February 2020 + 10 years), 24:00 of Sunday 28 February 2038 (29 February 2028 + 10
#: years) and of the Monday art. 642 extends it to.
AS_OF = [
    datetime(2022, 1, 1, 0, 0, tzinfo=PARIS),
    datetime(2024, 5, 17, 0, 0, tzinfo=PARIS),
    datetime(2024, 5, 17, 0, 0, 0, 1, tzinfo=PARIS),
    datetime(2024, 6, 4, 12, 0, tzinfo=PARIS),
    datetime(2030, 3, 1, 0, 0, tzinfo=PARIS),
    datetime(2038, 3, 1, 0, 0, tzinfo=PARIS),
    datetime(2038, 3, 2, 0, 0, 0, 1, tzinfo=PARIS),
]
ROWS = generate(300)
TABLES = arrow_tables(ROWS)


def found_rows(table) -> list[tuple]:
    """The audit's rows as tuples in the order of its columns."""
    return [tuple(row[column] for column in DMP_COLUMNS) for row in table.to_pylist()]


@pytest.mark.parametrize("readings", READINGS, ids=lambda r: "+".join(r) or "defaults")
@pytest.mark.parametrize("as_of", AS_OF, ids=lambda a: a.isoformat())
def test_duckdb_gives_what_each_record_gives(readings, as_of):
    """Each row the audit gives is the row evaluating its record gives, and no other."""
    expected = oracle(ROWS, as_of, readings)
    assert expected == found_rows(audit_dmp_logs(TABLES, as_of=as_of, readings=readings))


def test_another_calendar():
    """Art. 642's working days counted on the calendar given (Alsace-Moselle's, with Good
    Friday and 26 December), as evaluate counts them with it."""
    from dme_rules.jurisdictions.fr.calendars import FRANCE_ALSACE_MOSELLE

    readings = ("next-working-day", "retention-extended")
    expected = oracle(ROWS, AS_OF[3], readings, FRANCE_ALSACE_MOSELLE)
    found = audit_dmp_logs(TABLES, as_of=AS_OF[3], readings=readings,
                           calendar=FRANCE_ALSACE_MOSELLE)  # fmt: skip
    assert expected == found_rows(found)


def test_the_tables_reach_every_verdict():
    """The generated tables reach each status and reason of each rule, at some instant and
    under some reading (so that the equality above tests them)."""
    reached = set()
    for as_of in AS_OF:
        for readings in ((), ALTERNATIVES):
            reached |= {(row[1], row[5], row[10]) for row in oracle(ROWS, as_of, readings)}
    expected = {
        ("fr.dmp.feeding-opposition", "violation", None),
        ("fr.dmp.feeding-opposition", "compliant", None),
        ("fr.dmp.feeding-opposition", "insufficient_data", None),
        ("fr.dmp.feeding-opposition", "not_applicable", "no_opposition"),
        ("fr.dmp.feeding-opposition", "not_applicable", "not_in_force"),
        ("fr.dmp.retention", "violation", None),
        ("fr.dmp.retention", "compliant", None),
        ("fr.dmp.retention", "pending", None),
        ("fr.dmp.retention", "insufficient_data", None),
        ("fr.dmp.retention", "not_applicable", "record_open"),
        ("fr.dmp.retention", "not_applicable", "not_in_force"),
        ("fr.dmp.first-access-notice", "compliant", None),
        ("fr.dmp.first-access-notice", "violation", None),
        ("fr.dmp.first-access-notice", "pending", None),
        ("fr.dmp.first-access-notice", "not_applicable", "no_access"),
        ("fr.dmp.first-access-notice", "not_applicable", "not_in_force"),
        ("fr.dmp.emergency-access-notice", "compliant", None),
        ("fr.dmp.emergency-access-notice", "violation", None),
        ("fr.dmp.emergency-access-notice", "pending", None),
        ("fr.dmp.emergency-access-notice", "not_applicable", "no_emergency_access"),
        ("fr.dmp.deferred-data", "compliant", None),
        ("fr.dmp.deferred-data", "violation", None),
        ("fr.dmp.deferred-data", "pending", None),
        ("fr.dmp.deferred-data", "not_applicable", "no_deferred_data"),
        ("fr.dmp.deferred-data", "not_applicable", "not_in_force"),
        ("fr.dmp.emergency-access-opposition", "violation", None),
        ("fr.dmp.emergency-access-opposition", "compliant", None),
        ("fr.dmp.emergency-access-opposition", "not_applicable", "no_emergency_opposition"),
    }
    assert set() == expected - reached


def _changed(table: str, index: int, **values) -> dict:
    """The generated rows of a small sample with row ``index`` of ``table`` changed."""
    rows = {name: [dict(row) for row in found] for name, found in generate(20, seed=5).items()}
    rows[table][index].update(values)
    return rows


def _refusal(tables: dict) -> TableRowsError:
    with pytest.raises(TableRowsError) as caught:
        audit_dmp_logs(tables, as_of=AS_OF[3])
    return caught.value


class TestRowsTheRecordRefuses:
    """What a DmpRecord refuses, the audit refuses before judging anything, naming the table,
    the column and how many rows."""

    def test_missing_values(self):
        """Two deposits without their professional: deposits.professional_id, 2 rows."""
        rows = _changed("deposits", 0, professional_id=None)
        rows["deposits"][1]["professional_id"] = None
        error = _refusal(arrow_tables(rows))
        assert ("deposits", "professional_id", 2) == (error.table, error.column, error.count)
        assert "2 lignes en défaut" in str(error)

    def test_an_unknown_code(self):
        """A notification about something the record does not know."""
        error = _refusal(arrow_tables(_changed("notifications", 0, about="other_thing")))
        assert ("notifications", "about", 1) == (error.table, error.column, error.count)

    def test_an_access_id_twice_in_a_record(self):
        """Two accesses of one record with one id (1 id given twice)."""
        rows = _changed("accesses", 0)
        first = rows["accesses"][0]
        rows["accesses"].append(dict(first, at=first["at"] + timedelta(days=1)))
        error = _refusal(arrow_tables(rows))
        assert ("accesses", "access_id", 1) == (error.table, error.column, error.count)

    def test_a_record_twice(self):
        """The records table gives one record twice."""
        rows = _changed("records", 0)
        rows["records"].append(dict(rows["records"][0]))
        error = _refusal(arrow_tables(rows))
        assert ("records", "record_id", 1) == (error.table, error.column, error.count)

    def test_blank_and_invisible_ids(self):
        """A deposit id of spaces and one of a zero-width space: 2 rows."""
        rows = _changed("deposits", 0, deposit_id="   ")
        rows["deposits"][1]["deposit_id"] = "\u200b"
        error = _refusal(arrow_tables(rows))
        assert ("deposits", "deposit_id", 2) == (error.table, error.column, error.count)

    def test_visible_ids_beyond_ascii_are_ids(self):
        """An id written in another script is an id (nothing refused)."""
        rows = _changed("deposits", 0, deposit_id="Δ-1")
        expected = oracle(rows, AS_OF[3])
        assert expected == found_rows(audit_dmp_logs(arrow_tables(rows), as_of=AS_OF[3]))

    def test_years_outside_the_supported_ones(self):
        """A closure in 2201 and a deposit in 1899."""
        error = _refusal(arrow_tables(_changed("records", 0, closed_on=date(2201, 1, 1),
                                               purged_on=None)))  # fmt: skip
        assert ("records", "closed_on", 1) == (error.table, error.column, error.count)
        late = datetime(1899, 12, 31, 12, tzinfo=UTC)
        error = _refusal(arrow_tables(_changed("deposits", 2, at=late)))
        assert ("deposits", "at", 1) == (error.table, error.column, error.count)

    def test_a_fact_that_cannot_be_true(self):
        """An opposition to emergency access withdrawn before it was filed."""
        rows = _changed("emergency_oppositions", 0)
        row = rows["emergency_oppositions"][0]
        row["withdrawn_on"] = row["filed_on"] - timedelta(days=1)
        error = _refusal(arrow_tables(rows))
        assert ("emergency_oppositions", "withdrawn_on", 1) == (
            error.table, error.column, error.count)  # fmt: skip

    def test_instants_finer_than_the_microsecond(self):
        """Nanoseconds in the accesses' instants."""
        tables = arrow_tables(generate(20, seed=5))
        accesses = tables["accesses"]
        nanos = pc.add(pc.cast(accesses.column("at"), pa.timestamp("ns", tz="UTC")).cast(
            pa.int64()), 1).cast(pa.timestamp("ns", tz="UTC"))  # fmt: skip
        tables["accesses"] = accesses.set_column(2, "at", nanos)
        error = _refusal(tables)
        assert ("accesses", "at", accesses.num_rows) == (error.table, error.column, error.count)

    def test_nanoseconds_in_a_parquet_file(self, tmp_path):
        """A Parquet file of nanosecond instants, read by DuckDB itself."""
        pq = pytest.importorskip("pyarrow.parquet")
        tables = arrow_tables(generate(20, seed=5))
        deposits = tables["deposits"]
        nanos = pc.add(pc.cast(deposits.column("at"), pa.timestamp("ns", tz="UTC")).cast(
            pa.int64()), 7).cast(pa.timestamp("ns", tz="UTC"))  # fmt: skip
        pq.write_table(deposits.set_column(2, "at", nanos), tmp_path / "deposits.parquet")
        tables["deposits"] = str(tmp_path / "deposits.parquet")
        error = _refusal(tables)
        assert ("deposits", "at", deposits.num_rows) == (error.table, error.column, error.count)


class TestColumnsOfTheWrongType:
    """A column of the wrong type is refused by name, with the type found."""

    def test_a_boolean_column_of_integers(self):
        """``emergency`` given as 0 and 1."""
        tables = arrow_tables(generate(20, seed=5))
        accesses = tables["accesses"]
        flags = pc.cast(accesses.column("emergency"), pa.int64())
        tables["accesses"] = accesses.set_column(4, "emergency", flags)
        with pytest.raises(InvalidArgumentError, match=r"accesses\.emergency: expected booleans"):
            audit_dmp_logs(tables, as_of=AS_OF[3])

    def test_a_record_id_of_another_type(self):
        """The records table's record_id as integers, text elsewhere."""
        tables = arrow_tables(generate(20, seed=5))
        records = tables["records"]
        numbers = pa.array(range(records.num_rows), pa.int64())
        tables["records"] = records.set_column(0, "record_id", numbers)
        with pytest.raises(InvalidArgumentError, match=r"records\.record_id: expected text"):
            audit_dmp_logs(tables, as_of=AS_OF[3])

    def test_naive_instants(self):
        """Deposits' instants without a time zone."""
        tables = arrow_tables(generate(20, seed=5))
        deposits = tables["deposits"]
        naive = pc.cast(deposits.column("at"), pa.timestamp("us"))
        tables["deposits"] = deposits.set_column(2, "at", naive)
        with pytest.raises(InvalidArgumentError, match=r"deposits\.at: expected timezone-aware"):
            audit_dmp_logs(tables, as_of=AS_OF[3])


class TestTablesLeftOut:
    """A table left out: the rules that read it are not run, and the result says so."""

    def test_only_records(self):
        """Records alone: RETENTION's rows, the other rules named as not run."""
        rows = {"records": generate(40, seed=9)["records"]}
        found = audit_dmp_logs(arrow_tables(rows), as_of=AS_OF[4])
        assert oracle(rows, AS_OF[4]) == found_rows(found)
        assert {"fr.dmp.retention"} == set(found.column("rule_id").to_pylist())
        metadata = found.schema.metadata
        assert b"fr.dmp.retention" == metadata[b"rules_run"]
        assert b"fr.dmp.feeding-opposition:oppositions+deposits" in metadata[b"rules_not_run"]

    def test_pandas_and_parquet(self, tmp_path):
        """pandas DataFrames and Parquet files give the rows Arrow tables give."""
        pq = pytest.importorskip("pyarrow.parquet")
        pytest.importorskip("pandas")
        rows = generate(30, seed=3)
        tables = arrow_tables(rows)
        paths = {}
        for name, table in tables.items():
            pq.write_table(table, tmp_path / f"{name}.parquet")
            paths[name] = str(tmp_path / f"{name}.parquet")
        frames = {name: table.to_pandas() for name, table in tables.items()}
        expected = oracle(rows, AS_OF[3])
        assert expected == found_rows(audit_dmp_logs(paths, as_of=AS_OF[3]))
        assert expected == found_rows(audit_dmp_logs(frames, as_of=AS_OF[3]))

    def test_an_unknown_table(self):
        """A table the audit does not know is refused, named."""
        with pytest.raises(InvalidArgumentError, match="tables"):
            audit_dmp_logs({"visits": TABLES["accesses"]}, as_of=AS_OF[3])


class TestCommandLine:
    """``dme-rules dmp-audit``: the pack's log audit as a command."""

    @staticmethod
    def files(tmp_path, rows) -> list[str]:
        pq = pytest.importorskip("pyarrow.parquet")
        options = []
        for name, table in arrow_tables(rows).items():
            pq.write_table(table, tmp_path / f"{name}.parquet")
            options += [f"--{name.replace('_', '-')}", str(tmp_path / f"{name}.parquet")]
        return options

    def test_every_table(self, tmp_path, capsys):
        """Every table: the rows evaluating each record gives, progress lines and a summary
        in English, exit 1 for a violation."""
        pq = pytest.importorskip("pyarrow.parquet")
        from dme_rules.cli import main

        rows = generate(40, seed=3)
        expected = oracle(rows, AS_OF[3], ("next-working-day",))
        code = main(["dmp-audit", *self.files(tmp_path, rows), "--out",
                     str(tmp_path / "out.parquet"), "--as-of", AS_OF[3].isoformat(),
                     "--lang", "en", "--reading", "next-working-day"])  # fmt: skip
        err = capsys.readouterr().err
        assert 1 == code  # the sample has violations
        assert expected == found_rows(pq.read_table(tmp_path / "out.parquet"))
        assert f"{len(expected)} verdicts as of" in err
        assert "judging fr.dmp.deferred-data…" in err
        assert "not run" not in err

    def test_two_tables_of_the_first_audit(self, tmp_path, capsys):
        """Accesses and notifications alone (without deposit_id): the notices are judged,
        the rules left out are named, in French; the CSV has the rows."""
        import csv

        from dme_rules.cli import main

        rows = generate(30, seed=4)
        rows = {"accesses": rows["accesses"], "notifications": rows["notifications"]}
        files = self.files(tmp_path, rows)
        pq = pytest.importorskip("pyarrow.parquet")
        notices = pq.read_table(tmp_path / "notifications.parquet").drop(["deposit_id"])
        pq.write_table(notices, tmp_path / "notifications.parquet")
        main(["dmp-audit", *files, "--out", str(tmp_path / "out.csv"),
              "--as-of", AS_OF[3].isoformat()])  # fmt: skip
        err = capsys.readouterr().err
        with (tmp_path / "out.csv").open(encoding="utf-8") as stream:
            read = list(csv.DictReader(stream))
        expected = oracle(rows, AS_OF[3])
        assert [(row[1], row[3], row[5]) for row in expected] == [
            (row["rule_id"], row["subject_id"], row["status"]) for row in read
        ]
        assert "fr.dmp.retention non jugée\u00a0: il manque --records" in err
        assert "jugement\u00a0: fr.dmp.first-access-notice, fr.dmp.emergency-access-notice" in err

    def test_refused_rows_write_nothing(self, tmp_path, capsys):
        """A table the record would refuse: exit 2, the table, column and count named, no
        verdict written."""
        from dme_rules.cli import main

        rows = _changed("deposits", 0, professional_id=None)
        code = main(["dmp-audit", *self.files(tmp_path, rows), "--out",
                     str(tmp_path / "out.parquet"), "--quiet"])  # fmt: skip
        err = capsys.readouterr().err
        assert 2 == code
        assert (
            "deposits.professional_id : attendu une valeur dans chaque ligne ; 1 ligne en défaut"
            in err
        )
        assert not (tmp_path / "out.parquet").exists()
        assert "Traceback" not in err

    def test_a_missing_file(self, tmp_path, capsys):
        """A table's file that does not exist: exit 2, the file named, no traceback."""
        from dme_rules.cli import main

        code = main(["dmp-audit", "--accesses", str(tmp_path / "none.parquet"),
                     "--out", str(tmp_path / "out.parquet")])  # fmt: skip
        err = capsys.readouterr().err
        assert 2 == code
        assert "none.parquet" in err
        assert "Traceback" not in err

    def test_output_that_is_a_table_is_refused(self, tmp_path, capsys):
        """--out naming a table's file: exit 2 naming both, the table's bytes untouched."""
        from dme_rules.cli import main

        files = self.files(tmp_path, generate(10, seed=6))
        accesses = tmp_path / "accesses.parquet"
        before = accesses.read_bytes()
        code = main(["dmp-audit", *files, "--out", str(accesses), "--quiet"])
        err = capsys.readouterr().err
        assert (2, before) == (code, accesses.read_bytes())
        assert 2 * 2 == err.count(str(accesses))  # the output and the input, in both languages

    def test_a_table_that_cannot_be_read_is_named_with_why(self, tmp_path, capsys):
        """A missing file, a file that is not Parquet, a table without the columns: one line
        naming the table as the command names it and its file, why in French then in
        English, exit 2 (never the engine's SQL or its own names)."""
        from dme_rules.cli import main

        garbage = tmp_path / "garbage.parquet"
        garbage.write_bytes(b"not parquet")
        wrong = tmp_path / "wrong.parquet"
        pytest.importorskip("pyarrow.parquet").write_table(
            pa.table({"record_id": ["a"], "other": [1]}), wrong
        )
        missing = tmp_path / "missing.parquet"
        said = []
        for path in (missing, garbage, wrong):
            code = main(["dmp-audit", "--records", str(path), "--out", str(tmp_path / "o.csv")])
            said.append((code, capsys.readouterr().err.splitlines()[-1] + "\n"))  # after the
            # lines naming the rules that the records alone do not judge
        assert [2, 2, 2] == [code for code, _ in said]
        assert said[0][1] == (
            f"dme-rules: records : lecture de {missing} impossible (fichier ou dossier "
            f"introuvable) / records: cannot read {missing} (no such file or directory)\n"
        )
        assert said[1][1] == (
            f"dme-rules: records : lecture de {garbage} impossible (ce n'est pas un fichier "
            f"Parquet lisible) / records: cannot read {garbage} (not a readable Parquet file)\n"
        )
        assert (
            "(authorized_on, closed_on, purged_on absentes), reçu ['other', 'record_id']"
            in (said[2][1])
        )
        assert (
            "(authorized_on, closed_on, purged_on missing), got ['other', 'record_id']"
            in (said[2][1])
        )

    def test_a_failed_write_leaves_the_previous_verdicts(self, tmp_path, monkeypatch, capsys):
        """The writer failing (a full disk): exit 2, the previous file as it was, no
        temporary file left."""
        pq = pytest.importorskip("pyarrow.parquet")
        from dme_rules.cli import main

        files = self.files(tmp_path, generate(10, seed=6))
        out = tmp_path / "out.parquet"
        out.write_bytes(b"previous")

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(pq, "write_table", full_disk)
        code = main(["dmp-audit", *files, "--out", str(out), "--quiet"])
        left = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith("s.parquet"))
        assert (2, b"previous", ["out.parquet"]) == (code, out.read_bytes(), left)
        said = capsys.readouterr().err
        assert "(plus de place sur le disque)" in said  # French first…
        assert "(no space left on the device)" in said  # …then English


class TestMalformedLogs:
    """The malformed logs a reliability run sent: each refused by table and column."""

    @pytest.mark.parametrize(
        ("table", "column", "value"),
        [("accesses", "professional_id", "   "), ("accesses", "access_id", ""),
         ("accesses", "record_id", "\u200b")],
    )  # fmt: skip
    def test_blank_or_invisible_text(self, table, column, value):
        """Blank, empty or invisible text in an id column: refused, 1 row."""
        error = _refusal(arrow_tables(_changed(table, 0, **{column: value})))
        assert (table, column, 1) == (error.table, error.column, error.count)

    @pytest.mark.parametrize("year", [1850, 2500])
    def test_an_access_outside_the_supported_years(self, year):
        """An access in 1850 or 2500: refused, 1 row."""
        at = datetime(year, 6, 1, 12, tzinfo=UTC)
        error = _refusal(arrow_tables(_changed("accesses", 0, at=at)))
        assert ("accesses", "at", 1) == (error.table, error.column, error.count)

    @pytest.mark.parametrize("flags", [["yes", "no"], [2, 0]], ids=["text", "integers"])
    def test_emergency_neither_true_nor_false(self, flags):
        """``emergency`` as "yes"/"no" or 2/0: refused by table and column."""
        tables = arrow_tables(generate(20, seed=5))
        accesses = tables["accesses"]
        values = pa.array([flags[i % 2] for i in range(accesses.num_rows)])
        tables["accesses"] = accesses.set_column(4, "emergency", values)
        with pytest.raises(InvalidArgumentError, match=r"accesses\.emergency"):
            audit_dmp_logs(tables, as_of=AS_OF[3])

    def test_record_id_integers_in_one_table_text_in_another(self):
        """record_id int64 in the accesses, text in the records: refused by table and column."""
        tables = arrow_tables(generate(20, seed=5))
        accesses = tables["accesses"]
        numbers = pa.array(range(accesses.num_rows), pa.int64())
        tables["accesses"] = accesses.set_column(
            accesses.schema.get_field_index("record_id"), "record_id", numbers
        )
        with pytest.raises(InvalidArgumentError, match=r"accesses\.record_id"):
            audit_dmp_logs(tables, as_of=AS_OF[3])

    def test_text_in_a_parquet_instant_column_is_a_library_error(self, tmp_path):
        """A Parquet file whose instants are text: a library error naming table and column,
        never a database exception."""
        pq = pytest.importorskip("pyarrow.parquet")
        from dme_rules.errors import DmeRulesError

        tables = arrow_tables(generate(20, seed=5))
        accesses = tables["accesses"]
        index = accesses.schema.get_field_index("at")
        texts = pa.array(["not an instant"] * accesses.num_rows)
        pq.write_table(accesses.set_column(index, "at", texts), tmp_path / "accesses.parquet")
        tables["accesses"] = str(tmp_path / "accesses.parquet")
        with pytest.raises(DmeRulesError, match=r"accesses\.at"):
            audit_dmp_logs(tables, as_of=AS_OF[3])
