"""The HTTP service as its callers' tools meet it: the Node client and the guide's curl
examples, the interactive docs page in Chromium, the TypeScript client typed from the OpenAPI
document (each skipped, with the reason, where its tool is absent)."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from dme_rules import MigrationCase, __version__, evaluate
from tests.test_service import (
    AS_OF,
    EXAMPLES,
    ROOT,
    Server,
    free_port,
)

# The running service of this module, started as tests/test_service.py starts it.
from tests.test_service import server as server
from tests.test_service_operations import log_length, log_lines

# The logged service of tests/test_service_operations.py, for the TypeScript client.
from tests.test_service_operations import logged as logged

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on the PATH")
class TestNodeClient:
    CLIENT = EXAMPLES / "clients" / "node" / "evaluate.mjs"

    def run(self, server: Server | int, path: Path, *lang: str) -> subprocess.CompletedProcess[str]:
        port = server if isinstance(server, int) else server.port
        return subprocess.run(
            ["node", str(self.CLIENT), f"http://127.0.0.1:{port}", str(path), AS_OF, *lang],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

    def test_a_case(self, server):
        result = self.run(server, EXAMPLES / "cases" / "spec-example.json")
        expected = evaluate(
            MigrationCase.from_json((EXAMPLES / "cases" / "spec-example.json").read_bytes()),
            datetime.fromisoformat(AS_OF),
        )
        lines = result.stdout.splitlines()
        assert result.returncode == 1  # a violation
        assert lines[0] == f"2025-0147: {expected.status.value}"
        assert [line.split()[:2] for line in lines[1:]] == [
            [finding.rule_id, finding.status.value] for finding in expected.findings
        ]

    @pytest.mark.parametrize("lang", ["fr", "en"])
    def test_each_finding_with_its_message_in_the_language_asked(self, server, lang):
        """The client's fr/en argument is the language of the findings' messages."""
        path = EXAMPLES / "cases" / "spec-example.json"
        result = self.run(server, path, lang)
        expected = evaluate(
            MigrationCase.from_json(path.read_bytes()), datetime.fromisoformat(AS_OF)
        )
        messages = [line.split(" — ", 1)[1] for line in result.stdout.splitlines()[1:]]
        assert [finding.message(lang) for finding in expected.findings] == messages

    @pytest.mark.parametrize(
        ("lang", "shown"),
        [("fr", "evaluate.mjs: 422 Entrée invalide : $.request_transmitted_at : attendu une "
                "valeur"),
         ("en", "evaluate.mjs: 422 Invalid input: $.request_transmitted_at: expected a value")],
    )  # fmt: skip
    def test_a_refused_case_in_one_line(self, server, tmp_path, lang, shown):
        """A problem is one line in the client's language: status, title, detail, and how
        many other faults; exit 2."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"case_id": "x"}')
        result = self.run(server, bad, lang)
        [line] = result.stderr.splitlines()
        more = " (et 3 autres erreurs)" if lang == "fr" else " (and 3 more errors)"
        # $.request_transmitted_at, source_solution, target_solution, practitioners missing
        assert (2, True, True) == (result.returncode, line.startswith(shown), line.endswith(more))

    @pytest.mark.parametrize(
        ("lang", "shown"),
        [("fr", "evaluate.mjs: le service ne répond pas à http://127.0.0.1:{port} (ECONNREFUSED)"),
         ("en", "evaluate.mjs: the service does not answer at http://127.0.0.1:{port} "
                "(ECONNREFUSED)")],
    )  # fmt: skip
    def test_a_service_that_is_down_in_one_line(self, lang, shown):
        """A refused connection: one line in the client's language, no stack; exit 3."""
        port = free_port()  # nothing listens there
        result = self.run(port, EXAMPLES / "cases" / "spec-example.json", lang)
        assert (3, [shown.format(port=port)]) == (result.returncode, result.stderr.splitlines())


GUIDE = ROOT / "docs" / "how-to" / "call-from-another-language.md"


def console_examples(text: str) -> list[tuple[str, list[str]]]:
    """Each ``$ command`` of the page's console blocks, with the lines it shows after it."""
    examples: list[tuple[str, list[str]]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = line == "```console"
            continue
        if inside and line.startswith("$ "):
            examples.append((line[2:], []))
        elif inside and examples:
            examples[-1][1].append(line)
    return examples


EXAMPLES_IN_THE_GUIDE = console_examples(GUIDE.read_text("utf-8"))


@pytest.mark.parametrize(
    ("command", "shown"), EXAMPLES_IN_THE_GUIDE, ids=[c[:50] for c, _ in EXAMPLES_IN_THE_GUIDE]
)
def test_the_guide_shows_what_the_service_answers(server, command, shown):
    """Each curl (or node) example of the guide, run against the live server."""
    for tool in ("curl", "jq", "node"):
        if f"{tool} " in command and shutil.which(tool) is None:
            pytest.skip(f"{tool} is not on the PATH")
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command.replace(":8000", f":{server.port}")],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout.splitlines() == shown, result.stderr


def test_the_guide_has_examples_of_every_kind():
    commands = " ".join(command for command, _ in EXAMPLES_IN_THE_GUIDE)
    for path in ("/v1/evaluate?", "/v1/evaluate/batch", "/v1/deadlines", "/v1/rules/",
                 "/v1/calendars/", "fhir+json", "evaluate.mjs"):  # fmt: skip
        assert path in commands


class TestDocsInChromium:
    def test_try_it_out_in_the_docs_page(self, logged, tmp_path):
        """In headless Chromium, /docs lists every operation of the OpenAPI document, and
        "Try it out" then "Execute" on the health and on an evaluation of the example answer
        200 with the service's own answers."""
        from tests import chromium

        pytest.importorskip("swagger_ui")
        if (reason := chromium.missing()) is not None:
            pytest.skip(reason)
        _, _, document = logged.json("GET", "/openapi.json")
        # Swagger UI's ids: each of / { } of the path becomes _ after the method.
        expected = sorted(
            f"operations-default-{method}_{re.sub('[/{}]', '_', path.strip('/'))}"
            for path, operations in document["paths"].items()
            for method in operations
        )

        async def drive() -> tuple[list[str], list[tuple[str, Any]]]:
            async with chromium.opened(f"http://127.0.0.1:{logged.port}/docs") as page:
                await page.until("document.querySelectorAll('.opblock').length > 0")
                shown = await page.run("[...document.querySelectorAll('.opblock')].map(o => o.id)")
                answers = []
                for block in ("operations-default-get_v1_health",
                              "operations-default-post_v1_evaluate"):  # fmt: skip
                    here = f"document.getElementById('{block}')"
                    await page.run(f"{here}.querySelector('.opblock-summary-control').click()")
                    await page.until(f"!!{here}.querySelector('.try-out__btn')")
                    await page.run(f"{here}.querySelector('.try-out__btn').click()")
                    await page.until(f"!!{here}.querySelector('.execute')")
                    await page.run(f"{here}.querySelector('.execute').click()")
                    row = ".live-responses-table tr.response .response-col_status"
                    cell = f"{here}.querySelector('{row}')"
                    status = await page.until(f"{cell} && {cell}.textContent.trim()")
                    text = await page.run(
                        f"{here}.querySelector('.live-responses-table .microlight').textContent"
                    )
                    answers.append((status, json.loads(text)))
                (tmp_path / "docs.png").write_bytes(await page.screenshot())
                return shown, answers

        shown, answers = asyncio.run(drive())
        assert expected == sorted(shown)
        health, report = answers
        assert ("200", {"status": "ok", "library_version": __version__}) == health
        assert ("200", "violation") == (report[0], report[1]["status"])
        assert (tmp_path / "docs.png").read_bytes().startswith(b"\x89PNG")


TYPESCRIPT = EXAMPLES / "clients" / "typescript"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The TypeScript client's folder copied to a temporary one, its pinned packages
    installed (skipped when the registry cannot be reached)."""
    folder = tmp_path_factory.mktemp("typescript")
    for name in ("package.json", "tsconfig.json", "client.ts"):
        shutil.copy(TYPESCRIPT / name, folder / name)
    installed = subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"],
        cwd=folder, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if installed.returncode != 0:
        pytest.skip(f"the npm packages cannot be installed: {installed.stderr[-300:]}")
    return folder


@pytest.mark.skipif(
    shutil.which("node") is None or shutil.which("npm") is None, reason="node or npm is missing"
)
class TestTypeScriptClient:
    def npx(self, project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["npx", "--no-install", *arguments],
            cwd=project, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip

    def test_types_from_the_openapi_document_check_and_run(self, logged, project):
        """openapi-typescript writes the types from the live /openapi.json, tsc checks and
        compiles the client, and the client's decision id is the decision log's."""
        address = f"http://127.0.0.1:{logged.port}"
        generated = self.npx(project, "openapi-typescript", f"{address}/openapi.json",
                             "-o", "schema.d.ts")  # fmt: skip
        assert 0 == generated.returncode, generated.stderr
        checked = self.npx(project, "tsc")
        assert (0, "") == (checked.returncode, checked.stdout)
        before = log_length(logged)
        path = EXAMPLES / "cases" / "spec-example.json"
        ran = subprocess.run(
            ["node", "dist/client.js", address, str(path), "2025-09-01", "en"],
            cwd=project, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        [line] = log_lines(logged, before)
        assert (1, f"2025-0147: violation ({line['decision_id']})") == (
            ran.returncode, ran.stdout.splitlines()[0],
        )  # fmt: skip

    def test_a_wrong_use_is_refused_by_tsc(self, logged, project):
        """The generated types refuse a language the service does not speak and a key the
        report does not have."""
        address = f"http://127.0.0.1:{logged.port}"
        self.npx(project, "openapi-typescript", f"{address}/openapi.json", "-o", "schema.d.ts")
        (project / "wrong.ts").write_text(
            'import type { Query, Report } from "./client.js";\n'
            'export const query: Query = { lang: "de" };\n'
            "export const key = (report: Report) => report.verdict;\n"
        )
        checked = subprocess.run(
            ["npx", "--no-install", "tsc", "--noEmit", "--strict", "--module", "NodeNext",
             "--moduleResolution", "NodeNext", "--target", "ES2022", "--types", "node",
             "wrong.ts"],
            cwd=project, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        codes = sorted(set(re.findall(r"wrong\.ts\(\d+,\d+\): error (TS\d+)", checked.stdout)))
        # TS2322: "de" is not "fr" | "en"; TS2339: a report has no key "verdict".
        assert ["TS2322", "TS2339"] == codes, checked.stdout
