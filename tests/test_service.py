"""The HTTP service (SPEC §13), started for real: ``dme-rules serve`` in a subprocess on a free
loopback port, spoken to over HTTP with the standard library (and raw sockets where a client
misbehaves), each answer compared with what the library itself says."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from dme_rules import QUEBEC_CPC, RULES, MigrationCase, evaluate
from dme_rules.jurisdictions.qc.requests import request_deadlines
from dme_rules.schemas import schema

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
CASES = sorted((EXAMPLES / "cases").glob("*.json"))
AS_OF = "2025-09-01T12:00:00-04:00"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """A running ``dme-rules serve`` and an HTTP client for it."""

    def __init__(self, port: int, log: Path, process: subprocess.Popen[bytes]) -> None:
        self.port, self.log, self.process = port, log, process

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def json(
        self, method: str, path: str, body: Any = None, **headers: str
    ) -> tuple[int, str, Any]:
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        status, answer_headers, answer = self.request(method, path, data, headers)
        return status, answer_headers["content-type"], json.loads(answer)


def start(port: int, log: Path, *options: str) -> subprocess.Popen[bytes]:
    return started(
        port, "-m", "dme_rules.cli", "serve", "--port", str(port), "--decision-log", str(log),
        *options,
    )  # fmt: skip


def started(port: int, *arguments: str) -> subprocess.Popen[bytes]:
    """Python run with ``arguments``, once it listens on ``port``."""
    process = subprocess.Popen(
        [sys.executable, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return listening(process, port)


def listening(process: subprocess.Popen[bytes], port: int) -> subprocess.Popen[bytes]:
    """``process``, once it listens on ``port`` (its standard error told if it ends first)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(error) from None
            time.sleep(0.1)
    stop(process)
    raise RuntimeError("the service did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)
    if process.stderr is not None:
        process.stderr.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("service") / "decisions.jsonl"
    port = free_port()
    process = start(port, log)
    try:
        yield Server(port, log, process)
    finally:
        stop(process)


def query(path: str, **values: Any) -> str:
    return f"{path}?{urlencode(values, doseq=True)}" if values else path


class TestEvaluate:
    def test_health(self, server):
        status, kind, body = server.json("GET", "/v1/health")
        assert (status, kind) == (200, "application/json")
        assert body["status"] == "ok"
        assert (
            body["library_version"]
            == evaluate(
                MigrationCase.from_json(CASES[0].read_text("utf-8")), datetime.fromisoformat(AS_OF)
            ).library_version
        )

    @pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_every_example_as_the_library_says(self, server, path, lang):
        text = path.read_bytes()
        status, kind, body = server.json(
            "POST", query("/v1/evaluate", as_of=AS_OF, lang=lang), text
        )
        expected = evaluate(MigrationCase.from_json(text), datetime.fromisoformat(AS_OF))
        assert (status, kind) == (200, "application/json")
        assert body == json.loads(json.dumps(expected.to_dict(lang)))

    def test_readings_and_a_date(self, server):
        text = (EXAMPLES / "cases" / "spec-example.json").read_bytes()
        readings = ["civil-procedure", "ninety-days"]
        status, _, body = server.json(
            "POST", query("/v1/evaluate", as_of="2025-09-01", reading=readings), text
        )
        # A date is the end of that day in Montreal: 2025-09-01 24:00, 2025-09-02 00:00.
        as_of = datetime.fromisoformat("2025-09-02T00:00:00-04:00")
        expected = evaluate(MigrationCase.from_json(text), as_of, readings=readings)
        assert status == 200
        assert body == json.loads(json.dumps(expected.to_dict()))

    def test_without_as_of_the_report_says_which_instant(self, server):
        before = datetime.now().astimezone()
        status, _, body = server.json(
            "POST", "/v1/evaluate", (EXAMPLES / "cases" / "minimal-new-request.json").read_bytes()
        )
        assert status == 200
        assert before <= datetime.fromisoformat(body["as_of"]) <= datetime.now().astimezone()

    def test_fhir_by_accept(self, server):
        text = (EXAMPLES / "cases" / "spec-example.json").read_bytes()
        status, kind, body = server.json(
            "POST", query("/v1/evaluate", as_of=AS_OF), text, accept="application/fhir+json"
        )
        expected = evaluate(MigrationCase.from_json(text), datetime.fromisoformat(AS_OF))
        assert (status, kind) == (200, "application/fhir+json")
        assert body == json.loads(json.dumps(expected.to_fhir()))

    @pytest.mark.parametrize(
        "path", sorted((EXAMPLES / "consent").glob("*.json")), ids=lambda p: p.stem
    )
    def test_the_shipped_consent_answers_as_they_are(self, server, path):
        """Each shipped checklist, sent as it is, is judged as consent answers."""
        from dme_rules.engine.evaluation import read_subject

        text = path.read_bytes()
        status, _, body = server.json("POST", query("/v1/evaluate", as_of=AS_OF), text)
        expected = evaluate(read_subject(text), datetime.fromisoformat(AS_OF))
        assert (200, json.loads(json.dumps(expected.to_dict()))) == (status, body)
        assert ["qc.emr.new-feature-consent"] == [f["rule_id"] for f in body["findings"]]

    def test_consent_answers_without_their_key_are_told_which_key_to_add(self, server):
        """A checklist without its subject key: a 422 whose error names the key and value to
        add, its detail in French first."""
        document = json.loads((EXAMPLES / "consent" / "online-booking-proceed.json").read_text())
        del document["subject"]
        status, kind, body = server.json("POST", query("/v1/evaluate", as_of=AS_OF), document)
        assert (422, "application/problem+json") == (status, kind)
        expected_error = {
            "path": "$.subject",
            "expected": '"subject": "qc.emr.consent-assessment" (ajoutez cette clé au document)',
        }
        assert [expected_error] == body["errors"]
        assert body["detail"].startswith('$.subject : aucune clé "subject" n\'a été donnée')
        assert "Entrée invalide" == body["title"]


class TestFrenchRecords:
    @pytest.mark.parametrize(
        "path", sorted((EXAMPLES / "dmp").glob("*.json")), ids=lambda p: p.stem
    )
    def test_every_record_as_the_library_says(self, server, path):
        from dme_rules.engine.evaluation import read_subject
        from dme_rules.jurisdictions.fr.counting import end_of_day

        text = path.read_bytes()
        status, _, body = server.json("POST", query("/v1/evaluate", as_of="2025-01-15"), text)
        # A date is the end of that day in the record's zone, Paris.
        expected = evaluate(read_subject(text), end_of_day(date(2025, 1, 15)))
        assert status == 200
        assert body == json.loads(json.dumps(expected.to_dict()))
        assert body["as_of"] == "2025-01-16T00:00:00+01:00"

    def test_the_french_rules(self, server):
        status, _, body = server.json("GET", query("/v1/rules", jurisdiction="fr",
                                                   as_of="2025-01-01"))  # fmt: skip
        assert status == 200
        assert [rule["id"] for rule in body["rules"]] == [
            "fr.dmp.feeding-opposition", "fr.dmp.retention", "fr.dmp.first-access-notice",
            "fr.dmp.emergency-access-notice", "fr.dmp.deferred-data",
            "fr.dmp.emergency-access-opposition",
        ]  # fmt: skip


class TestErrors:
    def test_a_problem_names_the_json_path(self, server):
        document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text())
        document["extraction"]["fee"] = 1800.5
        status, kind, body = server.json("POST", "/v1/evaluate", document)
        assert (status, kind) == (422, "application/problem+json")
        assert set(body) == {"type", "title", "status", "detail", "errors"}
        assert body["status"] == 422
        assert [error["path"] for error in body["errors"]] == ["$.extraction.fee"]

    def test_a_problem_in_fhir(self, server):
        status, kind, body = server.json(
            "POST", "/v1/evaluate", {"case_id": "x"}, accept="application/fhir+json"
        )
        assert (status, kind) == (422, "application/fhir+json")
        assert body["resourceType"] == "OperationOutcome"
        assert body["issue"][0]["expression"] == ["$.request_transmitted_at"]

    @pytest.mark.parametrize(
        "body",
        [b"", b"not json", b"[]", b'{"a": 1, "a": 2}', b"\xff\xfe", b"{" * 100_000, b"null"],
    )
    def test_bad_bodies_are_4xx_never_500(self, server, body):
        status, kind, answer = server.json("POST", "/v1/evaluate", body)
        assert status == 422
        assert kind == "application/problem+json"
        assert answer["errors"]

    @pytest.mark.parametrize(
        ("path", "field"),
        [
            (query("/v1/evaluate", as_of="yesterday"), "as_of"),
            (query("/v1/evaluate", lang="de"), "lang"),
            (query("/v1/evaluate", reading="no-such-reading"), "reading"),
            (query("/v1/evaluate", as_of="2025-09-01T12:00:00"), "as_of"),
        ],
    )
    def test_bad_query_values(self, server, path, field):
        document = (EXAMPLES / "cases" / "spec-example.json").read_bytes()
        status, _, body = server.json("POST", path, document)
        assert status == 422
        assert body["errors"][0]["path"] == field

    def test_too_large_by_its_length(self, server):
        status, _, body = server.json("POST", "/v1/evaluate", b" " * 1_000_001)
        assert (status, body["status"]) == (413, 413)

    def test_too_large_without_a_length(self, server):
        """Chunked, with no Content-Length: counted as it comes."""
        chunks = (b" " * 100_000 for _ in range(11))
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        connection.request("POST", "/v1/evaluate", body=chunks, encode_chunked=True)
        assert connection.getresponse().status == 413
        connection.close()

    def test_a_batch_too_large_is_refused_before_it_is_read(self, server):
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
            raw.sendall(
                b"POST /v1/evaluate/batch HTTP/1.1\r\nHost: x\r\nContent-Length: 100000001\r\n\r\n"
            )
            assert raw.recv(100).startswith(b"HTTP/1.1 413")

    @pytest.mark.parametrize(
        "path", ["/v1/rules/qc.no-such-rule", "/v1/calendars/mars/2025", "/v1/schemas/nope",
                 "/v2/health"],
    )  # fmt: skip
    def test_not_found(self, server, path):
        status, kind, body = server.json("GET", path)
        assert (status, kind, body["status"]) == (404, "application/problem+json", 404)


class TestBatch:
    def test_a_bad_line_in_the_middle(self, server):
        good = [json.dumps(json.loads(path.read_text())) for path in CASES[:3]]
        lines = [good[0], "", good[1], '{"case_id": 7}', "not json", good[2]]
        status, headers, body = server.request(
            "POST",
            query("/v1/evaluate/batch", as_of=AS_OF),
            "\n".join(lines).encode(),
            {"content-type": "application/x-ndjson"},
        )
        answers = [json.loads(line) for line in body.decode().splitlines()]
        decision_ids = [answer.pop("decision_id", None) for answer in answers]
        assert status == 200
        assert headers["content-type"].startswith("application/x-ndjson")
        assert [True, True, False, False, True] == [bool(d) for d in decision_ids]
        assert 3 == len({d for d in decision_ids if d})
        as_of = datetime.fromisoformat(AS_OF)
        expected = [evaluate(MigrationCase.from_json(text), as_of).to_dict() for text in good]
        assert answers[0] == json.loads(json.dumps(expected[0]))
        assert answers[1] == json.loads(json.dumps(expected[1]))
        assert answers[2]["line"] == 4  # lines count from 1, the empty one included
        assert answers[2]["error"]["errors"][0]["path"] == "$.case_id"
        assert answers[3]["line"] == 5
        assert answers[4] == json.loads(json.dumps(expected[2]))
        assert len(answers) == 5

    def test_a_client_that_leaves_mid_stream(self, server):
        line = json.dumps(json.loads(CASES[0].read_text())).encode() + b"\n"
        body = line * 3000
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as raw:
            raw.sendall(
                b"POST /v1/evaluate/batch?as_of=2025-09-01 HTTP/1.1\r\nHost: x\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            assert raw.recv(4096).startswith(b"HTTP/1.1 200")
        # The service goes on: the next client is answered.
        assert server.json("GET", "/v1/health")[0] == 200
        status, _, _ = server.json("POST", "/v1/evaluate", CASES[0].read_bytes())
        assert status == 200
        assert server.process.poll() is None


class TestCatalogue:
    def test_rules_in_force(self, server):
        status, _, body = server.json("GET", query("/v1/rules", as_of="2022-01-01"))
        day = date(2022, 1, 1)
        expected = [rule.to_dict(day) for rule in RULES.values() if rule.version_at(day)]
        assert status == 200
        assert body == {"as_of": "2022-01-01", "jurisdiction": "qc",
                        "rules": json.loads(json.dumps(expected))}  # fmt: skip
        caps = {rule["id"]: rule["versions"][0]["parameters"] for rule in body["rules"]}
        assert caps["qc.migration.import-fee-cap"] == {
            "same_solution": "500", "different_solution": "1500"
        }  # fmt: skip

    def test_one_rule(self, server):
        status, _, body = server.json(
            "GET", query("/v1/rules/qc.migration.extraction-deadline", as_of="2025-01-01")
        )
        rule = RULES["qc.migration.extraction-deadline"]
        assert status == 200
        assert body == json.loads(json.dumps(rule.to_dict(date(2025, 1, 1))))
        assert body["versions"][-1]["citations"][0]["quote_fr"]

    def test_an_unknown_jurisdiction(self, server):
        status, _, body = server.json("GET", query("/v1/rules", jurisdiction="zz"))
        assert (status, body["errors"][0]["path"]) == (422, "jurisdiction")

    def test_deadlines(self, server):
        sent = "2025-06-20T16:45:00-04:00"
        status, _, body = server.json("GET", query("/v1/deadlines", transmitted=sent))
        assert status == 200
        assert body == request_deadlines(datetime.fromisoformat(sent))
        # Fri 06-20 16:45: day 1 is Mon 06-23; + 20 days = Mon 07-14 (SPEC §1).
        assert (body["official_start"], body["extraction_due"]) == ("2025-06-23", "2025-07-14")

    def test_deadlines_from_a_date(self, server):
        """transmitted=2025-06-20 is noon that day in Montreal: the deadlines of any instant
        of the day (day 1 Mon 06-23; + 20 days = Mon 07-14)."""
        status, _, body = server.json("GET", query("/v1/deadlines", transmitted="2025-06-20"))
        expected = request_deadlines(datetime.fromisoformat("2025-06-20T12:00:00-04:00"))
        assert (200, expected) == (status, body)
        assert (body["official_start"], body["extraction_due"]) == ("2025-06-23", "2025-07-14")

    def test_deadlines_on_the_employees_calendar(self, server):
        """reading=labour-standards-calendar: sent Wed 2025-12-24, day 1 is Fri 12-26 (a
        court holiday, an employee's working day) and the extraction is due 12-26 + 20 days
        = Thu 2026-01-15."""
        sent = "2025-12-24T10:00:00-05:00"
        path = query("/v1/deadlines", transmitted=sent, reading="labour-standards-calendar")
        status, _, body = server.json("GET", path)
        assert status == 200
        assert ("2025-12-26", "2026-01-15", "quebec-lnt") == (
            body["extraction_day_one"],
            body["extraction_due"],
            body["calendar"],
        )

    def test_deadlines_need_an_instant_or_a_date(self, server):
        """Without transmitted, or with neither an instant nor a real date: a 422 naming it."""
        for path in ("/v1/deadlines", query("/v1/deadlines", transmitted="2025-06-31"),
                     query("/v1/deadlines", transmitted="2025-06-20T16:45")):  # fmt: skip
            status, _, body = server.json("GET", path)
            assert (status, body["errors"][0]["path"]) == (422, "transmitted")

    def test_calendar(self, server):
        status, _, body = server.json("GET", "/v1/calendars/quebec-cpc/2025")
        assert status == 200
        assert body == {"calendar": "quebec-cpc", "year": 2025,
                        "holidays": [h.to_dict() for h in QUEBEC_CPC.holidays(2025)]}  # fmt: skip

    def test_the_french_calendars(self, server):
        from dme_rules.jurisdictions.fr.calendars import FRANCE_ALSACE_MOSELLE

        status, _, body = server.json("GET", "/v1/calendars/france-alsace-moselle/2024")
        assert status == 200
        assert body["holidays"] == [h.to_dict() for h in FRANCE_ALSACE_MOSELLE.holidays(2024)]

    def test_calendar_year_out_of_range(self, server):
        status, _, body = server.json("GET", "/v1/calendars/quebec-cpc/3000")
        assert (status, body["errors"][0]["path"]) == (422, "year")

    @pytest.mark.parametrize("name", ["case", "consent", "dmp-record", "report"])
    def test_schemas(self, server, name):
        status, _, body = server.json("GET", f"/v1/schemas/{name}")
        assert (status, body) == (200, schema(name))

    def test_openapi_is_complete(self, server):
        validator = pytest.importorskip("openapi_spec_validator")
        status, _, body = server.json("GET", "/openapi.json")
        assert status == 200
        validator.validate(body)
        assert set(body["paths"]) == {
            "/v1/health", "/v1/evaluate", "/v1/evaluate/batch", "/v1/rules",
            "/v1/rules/{rule_id}", "/v1/deadlines", "/v1/calendars/{calendar_id}/{year}",
            "/v1/schemas/{name}",
        }  # fmt: skip
        evaluate_ = body["paths"]["/v1/evaluate"]["post"]
        assert evaluate_["requestBody"]["content"]["application/json"]["example"]
        assert evaluate_["responses"]["200"]["content"]["application/json"]["example"]


class TestAnswersMatchTheOpenApiDocument:
    @pytest.mark.parametrize(
        ("path", "component"),
        [
            ("/v1/health", "health"),
            ("/v1/rules?as_of=2025-01-01", "rules"),
            ("/v1/rules/qc.bch.complaint-follow-up", "rule"),
            ("/v1/deadlines?transmitted=2025-06-20T16:45:00-04:00", "deadlines"),
            ("/v1/calendars/quebec-lnt-good-friday/2026", "holidays"),
            ("/v1/rules/nope", "problem"),
            ("/v1/rules?jurisdiction=fr&as_of=2025-01-01", "rules"),
            ("/v1/rules/fr.dmp.retention?as_of=2025-01-01", "rule"),
            (
                "/v1/deadlines?transmitted=2025-06-20T16:45:00-04:00&reading=ninety-days",
                "deadlines",
            ),
            ("/v1/calendars/france/2025", "holidays"),
            ("/v1/deadlines", "problem"),
        ],
    )
    def test_each_answer_validates(self, server, path, component):
        jsonschema = pytest.importorskip("jsonschema")
        _, _, document = server.json("GET", "/openapi.json")
        _, _, answer = server.json("GET", path)
        # The OpenAPI document is the root the references resolve in.
        root = {**document, "$ref": f"#/components/schemas/{component}"}
        jsonschema.Draft202012Validator(root).validate(answer)

    def test_the_examples_validate(self, server):
        jsonschema = pytest.importorskip("jsonschema")
        _, _, document = server.json("GET", "/openapi.json")
        for item in document["paths"].values():
            for operation in item.values():
                for content in operation["responses"]["200"]["content"].values():
                    if "example" in content:
                        root = {**document, **content["schema"]}
                        jsonschema.Draft202012Validator(root).validate(content["example"])


class TestFuzzOverHttp:
    """Mutated documents through HTTP: every one answered 200 or 422, never 500."""

    def test_mutations(self, server):
        import random

        from .fuzzing import MUTATIONS, seeds

        rng = random.Random(2026)
        statuses = []
        for index in range(300):
            kind, document = seeds()[index % len(seeds())]
            name = sorted(MUTATIONS)[index % len(MUTATIONS)]
            body = MUTATIONS[name](rng, document)
            body = body if isinstance(body, bytes) else body.encode("utf-8", "surrogatepass")
            if kind == "consent" and body.startswith(b"{") and b'"subject"' not in body:
                body = b'{"subject": "qc.emr.consent-assessment", ' + body[1:]
            status, _, _ = server.request("POST", query("/v1/evaluate", as_of=AS_OF), body)
            statuses.append(status)
            assert status in (200, 413, 422), (name, body[:200])
        assert 200 in statuses
        assert 422 in statuses
        assert server.json("GET", "/v1/health")[0] == 200


class TestDecisionLog:
    def test_one_line_per_decision_without_the_case(self, server):
        before = server.log.read_text().count("\n") if server.log.exists() else 0
        text = (EXAMPLES / "cases" / "spec-example.json").read_bytes()
        _, _, report = server.json(
            "POST", query("/v1/evaluate", as_of=AS_OF, reading="ninety-days"), text
        )
        batch = b"\n".join([text.replace(b"\n", b" ")] * 2)
        server.request("POST", query("/v1/evaluate/batch", as_of=AS_OF), batch)
        lines = server.log.read_text().splitlines()[before:]
        assert len(lines) == 3
        first = json.loads(lines[0])
        assert set(first) == {"decision_id", "request_id", "time", "path", "as_of", "lang",
                              "readings", "readings_applied", "input_digest", "ruleset_digest",
                              "calendar", "status", "library_version", "duration_ms"}  # fmt: skip
        assert first["input_digest"] == report["decision"]["input_digest"]
        assert (first["readings"], first["status"]) == (["ninety-days"], report["status"])
        logged = "\n".join(lines)
        for secret in ("2025-0147", "Omnimed", "MYLE"):
            assert secret not in logged


class TestCommandLine:
    @pytest.mark.parametrize("options", [["--port", "http"], ["--workers", "0"]])
    def test_bad_options(self, options):
        result = subprocess.run(
            [sys.executable, "-m", "dme_rules.cli", "serve", *options],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 2
        assert "Traceback" not in result.stderr

    def test_two_workers(self, tmp_path):
        port = free_port()
        process = start(port, tmp_path / "log.jsonl", "--workers", "2")
        try:
            client = Server(port, tmp_path / "log.jsonl", process)
            deadline = time.monotonic() + 20
            while True:  # the workers take a moment to be ready
                try:
                    status = client.json("GET", "/v1/health")[0]
                    break
                except (ConnectionError, http.client.HTTPException):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            assert status == 200
            answers = [client.json("POST", "/v1/evaluate", CASES[0].read_bytes())[0]
                       for _ in range(4)]  # fmt: skip
            assert answers == [200] * 4
        finally:
            stop(process)
