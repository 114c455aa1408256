"""The HTTP service under faults and load: what reviews found (big documents, odd bodies),
many clients at once, clients that send slowly or never finish; each spoken to over HTTP on a
started ``dme-rules serve``."""

from __future__ import annotations

import json
import socket
import time

import pytest

from tests.test_service import (
    AS_OF,
    CASES,
    EXAMPLES,
    query,
)

# The running service of this module, started as tests/test_service.py starts it.
from tests.test_service import server as server

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


class TestFoundInReview:
    """Where the live service once departed from SPEC §13 (a review's findings)."""

    @pytest.mark.parametrize("year", ["%C2%B2", "%E2%91%A0", "%D9%A2%D9%A0%D9%A2%D9%A5"])
    def test_a_year_in_other_digits(self, server, year):
        status, _, body = server.json("GET", f"/v1/calendars/quebec-cpc/{year}")
        assert (status, body["errors"][0]["path"]) == (422, "year")

    def test_a_lone_cr_is_not_a_line_end(self, server):
        case = json.dumps(json.loads(CASES[0].read_text())).replace(",", ",\r", 1)
        _, _, body = server.request("POST", query("/v1/evaluate/batch", as_of=AS_OF),
                                    (case + "\n{bad}\n").encode())  # fmt: skip
        answers = [json.loads(line) for line in body.decode().splitlines()]
        assert "case_id" in answers[0]
        assert answers[1]["line"] == 2

    @pytest.mark.parametrize("transmitted", ["1900-01-01T00:00:00-05:00",
                                             "2200-12-31T16:45:00-05:00"])  # fmt: skip
    def test_deadlines_the_rules_cannot_count_name_transmitted(self, server, transmitted):
        status, _, body = server.json("GET", query("/v1/deadlines", transmitted=transmitted))
        assert (status, body["errors"][0]["path"]) == (422, "transmitted")

    def test_a_bad_reading_is_named_reading_and_refused_before_a_batch(self, server):
        status, _, body = server.json("POST", query("/v1/evaluate", reading="bogus"),
                                      CASES[0].read_bytes())  # fmt: skip
        assert (status, body["errors"][0]["path"]) == (422, "reading")
        status, _, body = server.json("POST", query("/v1/evaluate/batch", reading="bogus"),
                                      CASES[0].read_bytes())  # fmt: skip
        assert (status, body["errors"][0]["path"]) == (422, "reading")

    def test_405_says_what_is_allowed(self, server):
        status, headers, _ = server.request("PUT", "/v1/evaluate", b"{}")
        assert status == 405
        assert "POST" in headers.get("allow", headers.get("Allow", ""))

    def test_a_week_date_is_not_a_date(self, server):
        status, _, body = server.json("POST", query("/v1/evaluate", as_of="2025-W36-1"),
                                      CASES[0].read_bytes())  # fmt: skip
        assert (status, body["errors"][0]["path"]) == (422, "as_of")

    @pytest.mark.parametrize(
        ("accept", "fhir"),
        [("Application/FHIR+JSON", True), ("application/fhir+json; fhir=4.0", True),
         ("application/fhir+json;q=0, application/json", False),
         ("application/json, application/fhir+json;q=0.5", False),
         ("application/fhir+json, application/json;q=0.9", True)],
    )  # fmt: skip
    def test_accept_by_media_type_and_weight(self, server, accept, fhir):
        _, kind, _ = server.json("POST", query("/v1/evaluate", as_of=AS_OF),
                                 CASES[0].read_bytes(), accept=accept)  # fmt: skip
        assert kind == ("application/fhir+json" if fhir else "application/json")

    def test_health_answers_during_a_long_batch(self, server):
        import threading

        line = json.dumps(json.loads(CASES[0].read_text())).encode() + b"\n"
        batch = threading.Thread(target=server.request, args=(
            "POST", query("/v1/evaluate/batch", as_of=AS_OF), line * 4000))  # fmt: skip
        batch.start()
        time.sleep(0.3)
        started = time.monotonic()
        assert server.json("GET", "/v1/health")[0] == 200
        waited = time.monotonic() - started
        batch.join()
        assert waited < 1.0  # answered between two lines, not after the batch


# -- under load and abuse -----------------------------------------------------------------------


def _big_case() -> bytes:
    """The specification's example case with about 14,000 complaints (about 1 MB)."""
    document = json.loads((EXAMPLES / "cases" / "spec-example.json").read_text("utf-8"))
    complaint = {"received_at": "2025-06-20T16:45:00-04:00"}
    complaints = document.get("complaints") or [complaint]
    document["complaints"] = [complaints[0]] * 14_000
    data = json.dumps(document).encode()
    while len(data) > 1_000_000:
        document["complaints"] = document["complaints"][:-200]
        data = json.dumps(document).encode()
    return data


class TestUnderLoad:
    def test_health_answers_while_eight_large_evaluations_run(self, server):
        """/v1/health answers in less than 200 ms while eight 1 MB evaluations run."""
        from concurrent.futures import ThreadPoolExecutor

        body = _big_case()
        path = query("/v1/evaluate", as_of=AS_OF)
        headers = {"content-type": "application/json"}
        with ThreadPoolExecutor(8) as pool:
            running = [pool.submit(server.request, "POST", path, body, headers) for _ in range(8)]
            time.sleep(0.5)  # the evaluations are under way
            started = time.perf_counter()
            status, _, _ = server.request("GET", "/v1/health")
            seconds = time.perf_counter() - started
            answers = [future.result()[0] for future in running]
        assert (200, True, [200] * 8) == (status, seconds < 0.2, answers)

    def test_batch_stops_after_its_most_documents(self, server):
        """A batch of 100,001 lines "1": 100,000 error lines, then one final error line."""
        from dme_rules.service.handlers import MAX_BATCH_LINES

        body = b"1\n" * (MAX_BATCH_LINES + 1)
        status, _, answer = server.request(
            "POST", query("/v1/evaluate/batch", as_of=AS_OF), body,
            {"content-type": "application/x-ndjson"},
        )  # fmt: skip
        lines = answer.splitlines()
        last = json.loads(lines[-1])
        assert (200, MAX_BATCH_LINES + 1, MAX_BATCH_LINES + 1, 413) == (
            status, len(lines), last["line"], last["error"]["status"]
        )  # fmt: skip
        assert max(len(line) for line in lines) < 1000  # short error lines

    def test_batch_line_over_one_megabyte_is_refused(self, server):
        """A batch line longer than 1 MB gets a 413 error line; the next line is answered."""
        big = b'{"case_id": "' + b"x" * 1_000_001 + b'"}'
        case = json.dumps(json.loads(CASES[0].read_text("utf-8"))).encode()
        status, _, answer = server.request(
            "POST", query("/v1/evaluate/batch", as_of=AS_OF), big + b"\n" + case,
            {"content-type": "application/x-ndjson"},
        )  # fmt: skip
        first, second = (json.loads(line) for line in answer.splitlines())
        assert (200, 1, 413, True) == (
            status, first["line"], first["error"]["status"], "findings" in second
        )  # fmt: skip

    def test_error_line_of_a_huge_key_is_short(self, server):
        """A batch line whose unknown key is 900,000 characters: its error line is cut
        (texts of at most 500 characters), not twice the key."""
        line = b'{"x' + b"y" * 900_000 + b'": 1}'
        status, _, answer = server.request(
            "POST", query("/v1/evaluate/batch", as_of=AS_OF), line,
            {"content-type": "application/x-ndjson"},
        )  # fmt: skip
        (error,) = (json.loads(found) for found in answer.splitlines())
        assert (200, 1, 500) == (status, error["line"], len(error["error"]["detail"]))
        assert error["error"]["detail"].endswith("…")

    @pytest.mark.parametrize(
        "content_type", ["application/xml", "text/plain", "application/x-www-form-urlencoded"]
    )
    def test_body_of_another_type_is_415(self, server, content_type):
        """A body declared other than JSON or NDJSON: 415, problem+json, French first."""
        body = CASES[0].read_bytes()
        for path in ("/v1/evaluate", "/v1/evaluate/batch"):
            status, kind, answer = server.json(
                "POST", query(path, as_of=AS_OF), body, **{"content-type": content_type}
            )
            assert (415, "application/problem+json", 415) == (status, kind, answer["status"])
            assert answer["detail"].startswith("le Content-Type")

    def test_the_document_declares_the_problems_a_body_may_get(self, server):
        """Each operation that reads a body declares the problems the service answers it
        with: 400 (an encoding it cannot undo), 408, 413, 415, 422."""
        _, _, document = server.json("GET", "/openapi.json")
        for path in ("/v1/evaluate", "/v1/evaluate/batch"):
            declared = document["paths"][path]["post"]["responses"]
            assert {"400", "408", "413", "415", "422"} <= set(declared), path

    @pytest.mark.parametrize(
        "content_type", ["application/json", "application/json; charset=utf-8", "APPLICATION/JSON"]
    )
    def test_json_with_or_without_charset_is_read(self, server, content_type):
        """JSON with or without a charset is evaluated."""
        status, _, _ = server.json(
            "POST", query("/v1/evaluate", as_of=AS_OF), CASES[0].read_bytes(),
            **{"content-type": content_type},
        )  # fmt: skip
        assert 200 == status

    @pytest.mark.parametrize("encoding", ["gzip", "br", "identity, gzip"])
    def test_encoded_body_is_400(self, server, encoding):
        """A body declared encoded (truly or falsely): 400, never evaluated."""
        status, kind, answer = server.json(
            "POST", query("/v1/evaluate", as_of=AS_OF), CASES[0].read_bytes(),
            **{"content-type": "application/json", "content-encoding": encoding},
        )  # fmt: skip
        assert (400, "application/problem+json") == (status, kind)
        assert answer["detail"].startswith("le Content-Encoding")


class TestSlowClients:
    def test_connection_without_headers_is_closed(self, server):
        """A connection that sends half a request line and stops is closed within the header
        timeout (10 s), not kept open."""
        from dme_rules.service.limits import HEADER_SECONDS

        address = ("127.0.0.1", server.port)
        with socket.create_connection(address, timeout=HEADER_SECONDS + 10) as sock:
            sock.sendall(b"GET /v1/hea")
            started = time.monotonic()
            closed = sock.recv(1024) == b""  # the server closes it: end of stream
            seconds = time.monotonic() - started
        assert (True, True) == (closed, seconds < HEADER_SECONDS + 5)

    def test_many_slow_connections_do_not_stop_the_service(self, server):
        """150 connections sending a header a byte at a time: /v1/health still answers at
        once, and all 150 are closed within the header timeout."""
        from dme_rules.service.limits import HEADER_SECONDS

        sockets = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(150)]
        try:
            for sock in sockets:
                sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")
            started = time.perf_counter()
            status, _, _ = server.request("GET", "/v1/health")
            seconds = time.perf_counter() - started
            time.sleep(HEADER_SECONDS + 2)
            for sock in sockets:
                sock.settimeout(5)
            closed = sum(sock.recv(1024) == b"" for sock in sockets)
        finally:
            for sock in sockets:
                sock.close()
        assert (200, True, 150) == (status, seconds < 0.5, closed)

    def test_body_that_does_not_arrive_in_time_is_408(self):
        """A body still arriving after the time allowed: a 408 problem, French first."""
        import anyio

        from dme_rules.service.limits import body_within
        from dme_rules.service.problems import Problem

        async def never() -> bytes:
            await anyio.sleep(10)
            return b""

        async def read() -> Problem:
            try:
                await body_within(never, seconds=0.1)
            except Problem as problem:
                return problem
            raise AssertionError("no problem")

        problem = anyio.run(read)
        assert (408, "le corps n'est pas arrivé en 0.1 secondes") == (
            problem.status, problem.detail.split(" / ")[0]
        )  # fmt: skip
