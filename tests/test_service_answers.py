"""What a client reads in the service's answers, spoken to over HTTP on a started
``dme-rules serve``: every fault of a body in one problem, in the language asked; the
deadlines as iCalendar; the OpenAPI document's limits, which the service keeps."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest

from dme_rules.engine.evaluation import read_subject
from tests.test_service import EXAMPLES, query
from tests.test_service_operations import logged as logged

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


SEVEN_FAULTS = (
    b'{"case_id": 7, "bogus": 1, "practitioners": "x", "extraction": {"fee": 1.5},'
    b' "request_transmitted_at": "2025"}'
)
#: The unknown key first, then each field in the order the case declares them.
SEVEN_PATHS = ["$.bogus", "$.case_id", "$.request_transmitted_at", "$.source_solution",
               "$.target_solution", "$.practitioners", "$.extraction.fee"]  # fmt: skip


class TestEveryError:
    def test_a_422_lists_every_fault_of_the_body(self, logged):
        """A body with seven faults: one 422 naming the seven paths, its detail the first
        and the count of the others."""
        status, _, body = logged.json("POST", "/v1/evaluate?lang=en", SEVEN_FAULTS)
        assert (422, SEVEN_PATHS) == (status, [error["path"] for error in body["errors"]])
        assert body["detail"].startswith("$.bogus: expected one of the known keys")
        assert body["detail"].endswith(" (and 6 more errors)")

    def test_a_date_the_rules_cannot_count_from_in_one_language(self, logged):
        """Deadlines of a request sent before the rules were in force (2021-01-05, before
        2021-10-28), or whose deadlines leave the supported years: the problem says why in
        the language asked, not in both."""
        for transmitted, why_en, why_fr in (
            ("2021-01-05", "is not in force on 2021-01-05", "n'est pas en vigueur le 2021-01-05"),
            (
                "2200-12-20",
                "is outside the supported years",
                "est hors des années prises en charge",
            ),
        ):
            said = {}
            for lang in ("en", "fr"):
                status, _, body = logged.json(
                    "GET", f"/v1/deadlines?lang={lang}&transmitted={transmitted}"
                )
                assert 422 == status
                said[lang] = body["detail"]
            assert (True, False) == (why_en in said["en"], why_fr in said["en"]), said["en"]
            assert (True, False) == (why_fr in said["fr"], why_en in said["fr"]), said["fr"]

    def test_the_last_date_as_of_says_the_real_limit(self, logged):
        """as_of=2200-12-31 is past the last date whose end (24:00) is within the supported
        years: the problem says so, not that an offset is missing."""
        status, _, body = logged.json("POST", "/v1/evaluate?lang=en&as_of=2200-12-31", CASE_TEXT)
        assert 422 == status
        assert "a date from 1900-01-01 to 2200-12-30" in body["detail"]

    def test_a_batch_line_lists_every_fault_too(self, logged):
        """A refused batch line's problem lists its every fault."""
        _, _, body = logged.request("POST", "/v1/evaluate/batch", SEVEN_FAULTS)
        error = json.loads(body)["error"]
        assert SEVEN_PATHS == [one["path"] for one in error["errors"]]

    def test_the_reader_collects_them_its_message_the_first(self):
        """DmeRulesError.errors lists every fault; str() is the first's message alone."""
        from dme_rules.errors import DmeRulesError

        with pytest.raises(DmeRulesError) as caught:
            read_subject(SEVEN_FAULTS)
        paths = [getattr(error, "path", None) for error in caught.value.errors]
        assert (SEVEN_PATHS, str(caught.value.errors[0])) == (paths, str(caught.value))

    def test_at_most_a_hundred(self, logged):
        """A body with 150 unknown keys: the problem lists the first 100."""
        keys = ", ".join(f'"k{i}": 1' for i in range(150))
        status, _, body = logged.json("POST", "/v1/evaluate", f"{{{keys}}}".encode())
        assert (422, [f"$.k{i}" for i in range(100)]) == (
            status, [error["path"] for error in body["errors"]],
        )  # fmt: skip

    def test_check_prints_the_first_and_the_count(self, tmp_path):
        """dme-rules check: one line, the first fault then how many others, exit 2."""
        case = tmp_path / "bad.json"
        case.write_bytes(SEVEN_FAULTS)
        result = subprocess.run(
            [sys.executable, "-m", "dme_rules.cli", "check", str(case)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        [line] = result.stderr.splitlines()
        assert (2, True, True) == (
            result.returncode,
            line.startswith(f"dme-rules: {case}: $.bogus : attendu une des clés connues"),
            line.endswith(" (et 6 autres erreurs / and 6 more errors)"),
        )


def events_of(ics: bytes) -> list[tuple[str, str, str, str]]:
    """Each event of an iCalendar read back by the icalendar package: its start and end
    dates, the rule and the reading its description names."""
    icalendar = pytest.importorskip("icalendar")
    found = []
    for event in icalendar.Calendar.from_ical(ics).walk("VEVENT"):
        description = str(event["description"])
        rule = re.search(r"(?:Règle|Rule)\s?: (\S+)", description)
        reading = re.search(r"(?:Lecture|Reading)\s?: (\S+)", description)
        assert rule is not None, description
        assert reading is not None, description
        found.append((event.decoded("dtstart").isoformat(), event.decoded("dtend").isoformat(),
                      rule.group(1), reading.group(1)))  # fmt: skip
    return found


def expected_events(deadlines: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """The events the JSON deadlines give: each due date, ending the next day (all-day)."""
    from datetime import date, timedelta

    def after(day: str) -> str:
        return (date.fromisoformat(day) + timedelta(days=1)).isoformat()

    return [
        (deadlines["extraction_due"], after(deadlines["extraction_due"]),
         "qc.migration.extraction-deadline", deadlines["extraction_interpretation"]),
        (deadlines["import_due"], after(deadlines["import_due"]),
         "qc.migration.import-deadline", deadlines["import_interpretation"]),
    ]  # fmt: skip


class TestDeadlinesAsICalendar:
    @pytest.mark.parametrize(
        ("lang", "reading"), [("fr", []), ("en", ["civil-procedure", "labour-standards-calendar"])]
    )
    def test_over_http_as_the_json_says(self, logged, lang, reading):
        """Accept: text/calendar gives one all-day event per deadline, on the JSON's due
        dates, naming its rule, its legal basis and the reading that counted it."""
        path = query("/v1/deadlines", transmitted="2025-06-20T16:45:00-04:00", lang=lang,
                     reading=reading)  # fmt: skip
        _, _, deadlines = logged.json("GET", path)
        status, headers, ics = logged.request("GET", path, headers={"Accept": "text/calendar"})
        assert (200, "text/calendar") == (status, headers["content-type"].split(";")[0])
        assert expected_events(deadlines) == events_of(ics)
        icalendar = pytest.importorskip("icalendar")
        described = [
            str(event["description"]).splitlines()
            for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")
        ]
        for lines, (_, _, rule_id, _) in zip(described, expected_events(deadlines), strict=True):
            _, _, rule = logged.json("GET", query(f"/v1/rules/{rule_id}", as_of="2025-06-20"))
            [version] = [v for v in rule["versions"] if v["version"] == rule["in_force"]]
            label = "Fondement\u00a0: " if lang == "fr" else "Legal basis: "
            starts = [f"{label}{c['document']} ({c['issuer']}" for c in version["citations"]]
            cited = lines[1:-1]
            assert starts == [
                line[: len(start)] for line, start in zip(cited, starts, strict=False)
            ]
            assert len(starts) == len(cited)

    def test_the_command_line_as_its_json_says(self):
        """dme-rules deadlines --format ics: the same events as its --format json."""
        command = [sys.executable, "-m", "dme_rules.cli", "deadlines", "--transmitted",
                   "2025-12-19"]  # fmt: skip
        shown = subprocess.run([*command, "--format", "json"], capture_output=True, check=True)
        ics = subprocess.run([*command, "--format", "ics"], capture_output=True, check=True)
        assert expected_events(json.loads(shown.stdout)) == events_of(ics.stdout)


def accepted_by_the_document(document: dict[str, Any], path: str, method: str, name: str,
                             value: Any) -> bool:  # fmt: skip
    """Whether the OpenAPI document's schema of the parameter ``name`` takes ``value``, as
    the jsonschema package (with its format checker) reads it."""
    jsonschema = pytest.importorskip("jsonschema")
    [parameter] = [p for p in document["paths"][path][method]["parameters"] if p["name"] == name]
    validator = jsonschema.Draft202012Validator(
        parameter["schema"], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return bool(validator.is_valid(value))


CASE_TEXT = (EXAMPLES / "cases" / "spec-example.json").read_bytes()
DOCUMENTED = [
    ("/v1/evaluate", "post", "as_of", v) for v in
    ["2025-09-01", "0709-01-23", "2025-02-30", "2024-02-29", "1900-01-01", "2200-12-30",
     "2200-12-31", "2025-06-20T16:45:00-04:00", "2025-06-20T16:45-04:00",
     "2025-06-20T24:00:00Z", "2025-06-20 16:45:00-04:00", "2025-W25-5", "", "1899-12-31"]
] + [
    ("/v1/deadlines", "get", "transmitted", v) for v in
    ["2021-10-27", "2021-10-28", "2200-11-16", "2200-11-17", "2025-02-29",
     "2025-06-20T16:45:00-04:00", "2025-06-20T16:45:00", ""]
] + [("/v1/rules", "get", "lang", v) for v in ["fr", "en", "", "de"]] + [
    ("/v1/rules", "get", "jurisdiction", v) for v in ["qc", "fr", "", "xx"]
] + [("/v1/rules", "get", "as_of", v) for v in ["2025-01-01", "0709-01-23", "2200-12-31"]] + [
    ("/v1/evaluate", "post", "reading", v) for v in
    [["ninety-days"], ["ninety-days", "ninety-days"], ["nope"],
     ["confirm-same-day", "ninety-days"]]
]  # fmt: skip


class TestTheDocumentsLimits:
    @pytest.mark.parametrize(("path", "method", "name", "value"), DOCUMENTED)
    def test_the_service_refuses_what_the_document_refuses(self, logged, path, method, name, value):
        """A query value is answered 200 exactly when the OpenAPI document's schema of its
        parameter takes it (and 422 otherwise)."""
        _, _, document = logged.json("GET", "/openapi.json")
        documented = accepted_by_the_document(document, path, method, name, value)
        values = {name: value}
        if path == "/v1/deadlines" and name != "transmitted":
            values["transmitted"] = "2025-06-20"
        body = CASE_TEXT if method == "post" else None
        status, _, answer = logged.request(method.upper(), query(path, **values), body)
        assert (200 if documented else 422) == status, answer[:300]

    @pytest.mark.parametrize("year", [1899, 1900, 2200, 2201])
    def test_a_calendars_year_as_the_document_says(self, logged, year):
        """The year of a calendar's path: 200 within the document's minimum and maximum."""
        _, _, document = logged.json("GET", "/openapi.json")
        path = "/v1/calendars/{calendar_id}/{year}"
        documented = accepted_by_the_document(document, path, "get", "year", year)
        status = logged.request("GET", f"/v1/calendars/quebec-cpc/{year}")[0]
        assert (200 if documented else 422, 1900 <= year <= 2200) == (status, documented)
