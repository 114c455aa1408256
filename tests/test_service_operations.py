"""What a production team needs of the HTTP service (request and decision ids, a decision log
that replays, problems in the request's language, unknown query parameters refused, the
startup line, the access log, CORS, metrics and the docs page), each spoken to over HTTP on a
started ``dme-rules serve``."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import datetime

import pytest

from dme_rules import __version__, evaluate
from dme_rules.engine import _speed
from dme_rules.engine.evaluation import read_subject
from tests.test_service import CASES, EXAMPLES, Server, free_port, listening, query, stop

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

DOCUMENTS = [*CASES, *sorted((EXAMPLES / "consent").glob("*.json"))]


def launched(
    port: int, *options: str, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """``dme-rules serve`` with ``options`` (and ``env``), its standard output and error
    kept, once it listens on ``port``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "dme_rules.cli", "serve", "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    return listening(process, port)


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with a decision log, an access log and one CORS origin."""
    log = tmp_path_factory.mktemp("operations") / "decisions.jsonl"
    port = free_port()
    process = launched(
        port, "--decision-log", str(log), "--access-log", "--cors-origin", "https://emr.example"
    )
    try:
        yield Server(port, log, process)
    finally:
        stop(process)
        if process.stdout is not None:
            process.stdout.close()


def log_lines(server: Server, before: int) -> list[dict[str, object]]:
    return [json.loads(line) for line in server.log.read_text().splitlines()[before:]]


def log_length(server: Server) -> int:
    return server.log.read_text().count("\n") if server.log.exists() else 0


class TestIds:
    def test_the_clients_request_id_is_echoed(self, logged):
        """A visible ASCII X-Request-ID comes back as it was sent."""
        _, headers, _ = logged.request("GET", "/v1/health", headers={"X-Request-ID": "abc-123"})
        assert "abc-123" == headers["x-request-id"]

    @pytest.mark.parametrize("sent", [None, "with space", "x" * 201])
    def test_otherwise_a_new_request_id(self, logged, sent):
        """Without an X-Request-ID, or with one that is not 1-200 visible ASCII characters,
        the answer carries a new UUID."""
        headers = {"X-Request-ID": sent} if sent else {}
        _, answer, _ = logged.request("GET", "/v1/health", headers=headers)
        assert str(uuid.UUID(answer["x-request-id"])) == answer["x-request-id"]

    def test_an_evaluation_names_its_decision_line(self, logged):
        """X-Decision-ID is the decision_id of the evaluation's decision-log line, which names
        the request id too."""
        before = log_length(logged)
        status, headers, _ = logged.request(
            "POST", query("/v1/evaluate", as_of="2025-09-01"), CASES[0].read_bytes(),
            {"X-Request-ID": "vendor-42"},
        )  # fmt: skip
        [line] = log_lines(logged, before)
        assert (200, headers["x-decision-id"], "vendor-42") == (
            status, line["decision_id"], line["request_id"],
        )  # fmt: skip

    def test_a_batch_line_names_its_decision_and_keeps_the_reports_bytes(self, logged):
        """Each report line of a batch begins with its decision_id (the log's, in order); the
        rest is the report's own JSON, byte for byte as the library writes it."""
        text = (EXAMPLES / "cases" / "spec-example.json").read_bytes().replace(b"\n", b" ")
        before = log_length(logged)
        _, _, body = logged.request(
            "POST", query("/v1/evaluate/batch", as_of="2025-09-01T12:00:00-04:00"),
            b"\n".join([text, text]),
        )  # fmt: skip
        lines = body.decode().splitlines(keepends=True)
        report = evaluate(read_subject(text), datetime.fromisoformat("2025-09-01T12:00:00-04:00"))
        own = _speed.json_line(report.to_dict())
        ids = [line["decision_id"] for line in log_lines(logged, before)]
        expected = [f'{{"decision_id":"{one}",{own[1:]}' for one in ids]
        assert expected == lines
        assert 2 == len(set(ids))


REPLAYED = [
    (path, as_of, lang, readings)
    for path in DOCUMENTS
    for as_of, lang, readings in [
        ("2025-09-01", "fr", []),
        ("2026-03-01T09:30:00-05:00", "en", []),
        ("2025-09-01", "en", ["ninety-days"]),
    ]
]


class TestReplay:
    def test_logged_decisions_replay_to_the_same_reports(self, logged):
        """Every decision logged, replayed from its line and the document with its
        input_digest, gives the report the service answered, byte for byte."""
        before = log_length(logged)
        answered = {}
        for path, as_of, lang, readings in REPLAYED:
            status, headers, body = logged.request(
                "POST", query("/v1/evaluate", as_of=as_of, lang=lang, reading=readings),
                path.read_bytes(),
            )  # fmt: skip
            assert 200 == status, body
            answered[headers["x-decision-id"]] = body
        documents = {}
        for path in DOCUMENTS:
            text = path.read_bytes()
            digest = evaluate(read_subject(text), datetime(2025, 1, 1).astimezone())
            documents[digest.to_dict()["decision"]["input_digest"]] = text
        lines = log_lines(logged, before)
        replayed = {}
        for line in lines:
            report = evaluate(
                read_subject(documents[line["input_digest"]]),
                datetime.fromisoformat(line["as_of"]),
                readings=line["readings"],
            )
            replayed[line["decision_id"]] = _speed.json_line(report.to_dict(line["lang"]))[:-1]
        assert {key: body.decode() for key, body in answered.items()} == replayed
        assert len(REPLAYED) == len(lines)

    def test_the_same_case_at_two_instants_is_told_apart(self, logged):
        """Two evaluations of one case at different as_of share an input_digest but not the
        as_of of their lines."""
        before = log_length(logged)
        for as_of in ("2025-07-01", "2025-09-01"):
            logged.request("POST", query("/v1/evaluate", as_of=as_of), CASES[0].read_bytes())
        first, second = log_lines(logged, before)
        assert first["input_digest"] == second["input_digest"]
        # A date is the end of that day in Montreal: 24:00, the next day's 00:00.
        assert ["2025-07-02T00:00:00-04:00", "2025-09-02T00:00:00-04:00"] == [
            first["as_of"], second["as_of"],
        ]  # fmt: skip

    def test_a_line_says_how_it_was_asked(self, logged):
        """A line holds the path, lang, readings asked and applied, and no case content."""
        before = log_length(logged)
        text = (EXAMPLES / "cases" / "spec-example.json").read_bytes()
        _, _, body = logged.request(
            "POST", query("/v1/evaluate", as_of="2025-09-01", lang="en", reading="ninety-days"),
            text,
        )  # fmt: skip
        [line] = log_lines(logged, before)
        report = json.loads(body)
        applied = list(dict.fromkeys(r for f in report["findings"] for r in f["readings"]))
        assert ("/v1/evaluate", "en", ["ninety-days"], applied) == (
            line["path"], line["lang"], line["readings"], line["readings_applied"],
        )  # fmt: skip
        assert "ninety-days" in applied
        for secret in ("2025-0147", "Omnimed", "MYLE"):
            assert secret not in json.dumps(line)


class TestQueryAndLanguage:
    @pytest.mark.parametrize(
        ("method", "path"),
        [("POST", "/v1/evaluate?asof=2025-09-01"), ("POST", "/v1/evaluate/batch?asof=2025-09-01"),
         ("GET", "/v1/rules?asof=2025-09-01"), ("GET", "/v1/health?asof=2025-09-01"),
         ("GET", "/v1/calendars/quebec-cpc/2025?asof=1")],
    )  # fmt: skip
    def test_an_unknown_query_parameter_is_named(self, logged, method, path):
        """A misspelt parameter is a 422 naming it, not a request answered as if absent."""
        status, _, body = logged.json(method, path, CASES[0].read_bytes())
        assert (422, "asof") == (status, body["errors"][0]["path"])

    @pytest.mark.parametrize(
        ("headers", "path", "title"),
        [({}, "/v1/evaluate", "Entrée invalide"),
         ({"Accept-Language": "en-CA,en;q=0.9"}, "/v1/evaluate", "Invalid input"),
         ({"Accept-Language": "en;q=0.5, fr;q=0.9"}, "/v1/evaluate", "Entrée invalide"),
         ({"Accept-Language": "en"}, "/v1/evaluate?lang=fr", "Entrée invalide"),
         ({}, "/v1/evaluate?lang=en", "Invalid input")],
    )  # fmt: skip
    def test_a_problem_speaks_the_requests_language(self, logged, headers, path, title):
        """lang first, then Accept-Language, then French: the title, detail and errors."""
        status, _, body = logged.json("POST", path, b'{"case_id": 7}', **headers)
        french = title == "Entrée invalide"
        expected_start = "$.case_id : " if french else "$.case_id: "
        assert (422, title, True) == (
            status,
            body["title"],
            body["detail"].startswith(expected_start),
        )
        assert (" / " in body["detail"]) is False

    @pytest.mark.parametrize(
        ("method", "path", "status", "fr", "en"),
        [("GET", "/nowhere", 404, "rien n'est servi à ce chemin", "nothing is served at this path"),
         ("DELETE", "/v1/health", 405,
          "ce chemin ne prend pas la méthode DELETE ; il prend GET, HEAD",
          "this path does not take the method DELETE; it takes GET, HEAD"),
         ("GET", "/v1/rules/qc.nope", 404, "aucune règle n'a l'id 'qc.nope'",
          "no rule has the id 'qc.nope'")],
    )  # fmt: skip
    def test_starlettes_own_answers_and_ours_in_each_language(
        self, logged, method, path, status, fr, en
    ):
        """404 and 405, Starlette's or ours, say their detail in French or English."""
        french = logged.json(method, path)
        english = logged.json(method, path, None, **{"Accept-Language": "en"})
        assert [(status, fr), (status, en)] == [
            (french[0], french[2]["detail"]), (english[0], english[2]["detail"]),
        ]  # fmt: skip

    def test_a_413_in_each_language(self, logged):
        """The 413's detail in French by default, in English when asked."""
        big = b" " * 1_000_001
        french = logged.json("POST", "/v1/evaluate", big)[2]["detail"]
        english = logged.json("POST", "/v1/evaluate?lang=en", big)[2]["detail"]
        assert ["le corps dépasse 1\u202f000\u202f000 octets",
                "the body is larger than 1,000,000 bytes"] == [french, english]  # fmt: skip

    def test_a_missing_query_value_in_english(self, logged):
        """A required query value's problem in English when asked."""
        status, _, body = logged.json("GET", "/v1/deadlines?lang=en")
        assert (422, "transmitted: expected a value (required): an instant with a UTC offset, "
                "such as 2025-06-20T16:45:00-04:00") == (status, body["detail"])  # fmt: skip


class TestOperations:
    def test_the_startup_line(self):
        """serve says its address, its workers and the library's version as it starts."""

        port = free_port()
        process = launched(port, "--workers", "2")
        try:
            assert process.stderr is not None
            first = process.stderr.readline().decode()
        finally:
            stop(process)
            if process.stdout is not None:
                process.stdout.close()
        address = f"http://127.0.0.1:{port}"
        expected = (
            f"dme-rules serve : {address}, 2 processus, dme_rules {__version__} / "
            f"dme-rules serve: {address}, 2 workers, dme_rules {__version__}\n"
        )
        assert expected == first

    def test_an_address_it_cannot_listen_on(self):
        """A port another server holds, or a host that is no address, is refused before the
        startup line: one line in French then English naming the address and why, exit 2
        (not the exit 3 of an internal error)."""
        port = free_port()
        with socket.socket() as holder:
            holder.bind(("127.0.0.1", port))
            holder.listen()
            taken = subprocess.run(
                [sys.executable, "-m", "dme_rules.cli", "serve", "--port", str(port)],
                capture_output=True, text=True, timeout=60, check=False,
            )  # fmt: skip
        unknown = subprocess.run(
            [sys.executable, "-m", "dme_rules.cli", "serve", "--host", "256.1.1.1"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        address = f"127.0.0.1:{port}"
        assert (2, "") == (taken.returncode, taken.stdout)
        assert [
            f"dme-rules serve: impossible d'écouter sur {address} (l'adresse est déjà utilisée"
            f"\u00a0: un autre serveur y tourne\u00a0; donner un autre --port) / cannot listen on "
            f"{address} (the address is already in use: another server runs there; give "
            "another --port)"
        ] == taken.stderr.splitlines()
        assert 2 == unknown.returncode
        assert unknown.stderr.splitlines() == [
            "dme-rules serve: impossible d'écouter sur 256.1.1.1:8000 (hôte inconnu\u00a0: donner "
            "une adresse de cette machine, comme 127.0.0.1 ou 0.0.0.0) / cannot listen on "
            "256.1.1.1:8000 (unknown host: give an address of this machine, such as 127.0.0.1 "
            "or 0.0.0.0)"
        ]

    def test_an_empty_host_is_every_interface(self, tmp_path):
        """--host "" listens on every interface, as the server reads it (the address check
        does not take it for an unknown host): it answers on 127.0.0.1."""
        port = free_port()
        process = launched(port, "--host", "")
        try:
            status, _, _ = Server(port, tmp_path / "none", process).request("GET", "/v1/health")
        finally:
            stop(process)
            if process.stdout is not None:
                process.stdout.close()
        assert 200 == status

    def test_the_access_log(self, tmp_path):
        """With --access-log, one JSON line per request on standard output: request id,
        method, path, status, duration."""
        port = free_port()
        process = launched(port, "--access-log")
        server = Server(port, tmp_path / "none", process)
        try:
            server.request("GET", "/v1/health", headers={"X-Request-ID": "one"})
            server.request("GET", "/v1/nowhere", headers={"X-Request-ID": "two"})
        finally:
            stop(process)
        assert process.stdout is not None
        lines = [json.loads(line) for line in process.stdout.read().decode().splitlines()]
        process.stdout.close()
        shown = [(x["request_id"], x["method"], x["path"], x["status"]) for x in lines]
        assert [("one", "GET", "/v1/health", 200), ("two", "GET", "/v1/nowhere", 404)] == shown
        assert all(isinstance(x["duration_ms"], float) and x["duration_ms"] >= 0 for x in lines)

    def test_cors_for_the_origins_named_only(self, logged):
        """A preflight from the named origin is allowed, with the id headers exposed; another
        origin gets no Access-Control-Allow-Origin."""
        preflight = {"Origin": "https://emr.example", "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "content-type, x-request-id"}  # fmt: skip
        status, headers, _ = logged.request("OPTIONS", "/v1/evaluate", headers=preflight)
        assert (200, "https://emr.example") == (status, headers["access-control-allow-origin"])
        _, headers, _ = logged.request(
            "GET", "/v1/health", headers={"Origin": "https://emr.example"}
        )
        assert "X-Request-ID, X-Decision-ID" == headers["access-control-expose-headers"]
        other = {**preflight, "Origin": "https://elsewhere.example"}
        status, headers, _ = logged.request("OPTIONS", "/v1/evaluate", headers=other)
        assert (400, None) == (status, headers.get("access-control-allow-origin"))

    def test_no_cors_by_default(self, tmp_path):
        """Without --cors-origin a preflight is a method not allowed, with no CORS header."""
        port = free_port()
        process = launched(port)
        try:
            status, headers, _ = Server(port, tmp_path, process).request(
                "OPTIONS", "/v1/evaluate",
                headers={"Origin": "https://emr.example", "Access-Control-Request-Method": "POST"},
            )  # fmt: skip
        finally:
            stop(process)
            if process.stdout is not None:
                process.stdout.close()
        assert (405, None) == (status, headers.get("access-control-allow-origin"))


class TestMetrics:
    def test_requests_latency_and_decisions_are_counted(self, logged):
        """/metrics counts the requests by route and status, their latency and the decisions
        by status, as the prometheus parser reads them."""
        parser = pytest.importorskip("prometheus_client.parser")

        def samples() -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
            text = logged.request("GET", "/metrics")[2].decode()
            return {
                (s.name, tuple(sorted(s.labels.items()))): s.value
                for family in parser.text_string_to_metric_families(text)
                for s in family.samples
            }

        before = samples()
        text = (EXAMPLES / "cases" / "spec-example.json").read_bytes()  # a violation
        for _ in range(3):
            logged.request("POST", query("/v1/evaluate", as_of="2025-09-01"), text)
        logged.request("POST", "/v1/evaluate", b"{}")
        after = samples()
        ok = ("dme_rules_http_requests_total",
              (("method", "POST"), ("route", "/v1/evaluate"), ("status", "200")))  # fmt: skip
        refused = (ok[0], (*ok[1][:2], ("status", "422")))
        violation = ("dme_rules_decisions_total", (("status", "violation"),))
        latency = ("dme_rules_http_request_duration_seconds_count", (("route", "/v1/evaluate"),))
        deltas = [after[key] - before.get(key, 0.0) for key in (ok, refused, violation, latency)]
        assert [3.0, 1.0, 3.0, 4.0] == deltas

    def test_the_docs_page_and_its_assets(self, logged):
        """/docs is Swagger UI's page, its script served from the package (no network)."""
        pytest.importorskip("swagger_ui")
        status, _, page = logged.request("GET", "/docs")
        scripts = re.findall(r'<script src="([^"]+)"', page.decode())
        assert (200, ["/docs/assets/swagger-ui-bundle.js"]) == (status, scripts)
        status, _, script = logged.request("GET", scripts[0])
        assert (200, True) == (status, b"SwaggerUIBundle" in script)


class TestWithoutTheirPackages:
    def test_metrics_and_docs_say_what_to_install(self, tmp_path):
        """Where prometheus-client and swagger-ui-py cannot be imported, /metrics and /docs
        answer a 404 problem naming the extra to install."""
        import os

        for name in ("prometheus_client", "swagger_ui"):
            (tmp_path / f"{name}.py").write_text("raise ImportError('not installed')\n")
        paths = [str(tmp_path), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        port = free_port()
        process = launched(port, env=env)
        server = Server(port, tmp_path / "none", process)
        try:
            metrics = server.json("GET", "/metrics?lang=en")
            docs = server.json("GET", "/docs", None, **{"Accept-Language": "en"})
        finally:
            stop(process)
            if process.stdout is not None:
                process.stdout.close()
        assert [
            (404, "/metrics needs the metrics extra: pip install 'dme-rules[metrics]' "
             "(prometheus-client)"),
            (404, "/docs needs the server extra: pip install 'dme-rules[server]' (swagger-ui-py)"),
        ] == [(metrics[0], metrics[2]["detail"]), (docs[0], docs[2]["detail"])]  # fmt: skip
