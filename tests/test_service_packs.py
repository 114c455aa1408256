"""Which packs a service serves: every registered one by default, or those handed to
``create_app`` (checked when the application is made), answered over HTTP on a started
server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from dme_rules.jurisdictions.qc.requests import request_deadlines
from tests.test_service import (
    CASES,
    EXAMPLES,
    Server,
    free_port,
    query,
    started,
    stop,
)

# The running service of this module, started as tests/test_service.py starts it.
from tests.test_service import server as server

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


class TestServedPacks:
    """The service answers from the packs it serves; every registered one by default."""

    def test_deadlines_of_a_pack_that_counts_none(self, server):
        sent = "2025-06-20T16:45:00-04:00"
        status, _, body = server.json(
            "GET", query("/v1/deadlines", transmitted=sent, jurisdiction="fr")
        )
        assert (status, body["errors"][0]["path"]) == (422, "jurisdiction")
        status, _, body = server.json(
            "GET", query("/v1/deadlines", transmitted=sent, jurisdiction="qc")
        )
        assert (status, body) == (200, request_deadlines(datetime.fromisoformat(sent)))

    def test_the_openapi_document_names_the_served_packs(self, server):
        _, _, document = server.json("GET", "/openapi.json")
        rules = document["paths"]["/v1/rules"]["get"]["parameters"]
        assert rules[1]["schema"]["enum"] == ["fr", "qc"]
        deadlines = document["paths"]["/v1/deadlines"]["get"]["parameters"]
        assert deadlines[-1]["schema"]["enum"] == ["qc"]


class TestCreateApp:
    """What an application is handed, checked when it is made."""

    @pytest.mark.parametrize("packs", [[], ["qc"], "qc", [None]])
    def test_something_else_than_packs_is_refused(self, packs):
        from dme_rules.errors import InvalidArgumentError
        from dme_rules.service import create_app

        with pytest.raises(InvalidArgumentError):
            create_app(jurisdictions=packs)

    def test_an_unregistered_pack_is_refused(self):
        """The library evaluates the subjects of registered packs only: an application is
        not made for a pack it could list but not evaluate."""
        import attrs

        from dme_rules.errors import InvalidArgumentError
        from dme_rules.jurisdictions import JURISDICTIONS
        from dme_rules.service import create_app

        copy = attrs.evolve(JURISDICTIONS["fr"])  # equal in all but identity: not registered
        with pytest.raises(InvalidArgumentError, match="registered Jurisdiction"):
            create_app(jurisdictions=[copy])

    def test_the_decision_log_is_the_first_argument(self, tmp_path):
        """As before the packs could be chosen: create_app(decision_log)."""
        from dme_rules.service import create_app

        log = tmp_path / "decisions.jsonl"
        app = create_app(str(log))
        try:
            assert log.exists()
        finally:
            app.state.decision_log.close()

    def test_packs_by_id_or_in_a_list(self):
        from dme_rules.jurisdictions import JURISDICTIONS
        from dme_rules.service import openapi_document

        assert openapi_document(JURISDICTIONS) is openapi_document()  # made once
        french = openapi_document({"fr": JURISDICTIONS["fr"]})
        assert french is openapi_document([JURISDICTIONS["fr"]])
        assert "/v1/deadlines" not in french["paths"]
        assert "/v1/deadlines" in openapi_document()["paths"]


#: A service of the French pack alone, on the port its first argument gives.
FRENCH_ONLY = """
import sys, uvicorn
from dme_rules.jurisdictions import JURISDICTIONS
from dme_rules.service import create_app
uvicorn.run(create_app(jurisdictions=[JURISDICTIONS["fr"]]), port=int(sys.argv[1]),
            log_level="warning")
"""


@pytest.fixture(scope="module")
def french_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = free_port()
    process = started(port, "-c", FRENCH_ONLY, str(port))
    try:
        yield Server(port, tmp_path_factory.mktemp("french") / "none.jsonl", process)
    finally:
        stop(process)


class TestOnePackServed:
    """A service handed the French pack alone knows nothing of the others."""

    def test_its_rules_by_default(self, french_server):
        status, _, body = french_server.json("GET", query("/v1/rules", as_of="2025-01-01"))
        assert (status, body["jurisdiction"]) == (200, "fr")
        status, _, body = french_server.json("GET", query("/v1/rules", jurisdiction="qc"))
        assert (status, body["errors"][0]["expected"]) == (422, "une valeur parmi fr")

    def test_a_record_and_not_a_case(self, french_server):
        path = sorted((EXAMPLES / "dmp").glob("*.json"))[0]
        status, _, body = french_server.json(
            "POST", query("/v1/evaluate", as_of="2025-01-15"), path.read_bytes()
        )
        assert (status, body["as_of"]) == (200, "2025-01-16T00:00:00+01:00")
        status, _, body = french_server.json("POST", "/v1/evaluate", CASES[0].read_bytes())
        assert status == 422
        assert body["errors"] == [
            {"path": "$.subject", "expected": "le type d'un sujet connu : fr.dmp.record"}
        ]

    @pytest.mark.parametrize(
        "path", ["/v1/rules/qc.migration.extraction-deadline", "/v1/calendars/quebec-cpc/2025",
                 "/v1/schemas/case", "/v1/deadlines?transmitted=2025-06-20T16:45:00-04:00"],
    )  # fmt: skip
    def test_what_other_packs_have_is_not_found(self, french_server, path):
        status, kind, body = french_server.json("GET", path)
        assert (status, kind, body["status"]) == (404, "application/problem+json", 404)

    def test_its_own_are_found(self, french_server):
        for path in ("/v1/rules/fr.dmp.retention", "/v1/calendars/france/2025",
                     "/v1/schemas/dmp-record", "/v1/schemas/report"):  # fmt: skip
            assert french_server.json("GET", path)[0] == 200, path

    def test_its_openapi_document(self, french_server):
        validator = pytest.importorskip("openapi_spec_validator")
        status, _, document = french_server.json("GET", "/openapi.json")
        assert status == 200
        validator.validate(document)
        assert "/v1/deadlines" not in document["paths"]
        assert "deadlines" not in document["components"]["schemas"]
        rules = document["paths"]["/v1/rules"]["get"]["parameters"]
        assert rules[1]["schema"]["enum"] == ["fr"]
        assert set(document["components"]["schemas"]) >= {"dmp-record", "report", "rule"}
        assert "case" not in document["components"]["schemas"]
