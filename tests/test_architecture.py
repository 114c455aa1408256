"""The layout holds: no import cycle, the engine knows no jurisdiction, every module imports.

The imports are read from the source (every ``import``, in functions and ``TYPE_CHECKING``
blocks too), so a cycle cannot hide behind a lazy import; then each module is imported alone
in a fresh interpreter.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import dme_rules

SOURCE = Path(dme_rules.__file__).parent
ARCHITECTURE = Path(__file__).parent.parent / "docs" / "explanation" / "architecture.md"

#: Words that name a jurisdiction or its local knowledge: the engine's code uses none.
JURISDICTION_WORDS = re.compile(
    r"\b(qc|quebec|québec|montreal|montréal|bch|dmp|france|paris)\b", re.IGNORECASE
)


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(SOURCE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The library's modules that module ``name`` imports, wherever in its source."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from package import module`` imports the module; ``from module import name``
            # the module itself.
            targets = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in MODULES
                else node.module
                for alias in node.names
            ]
        else:
            continue
        found |= {target for target in targets if target in MODULES and target != name}
    return found


GRAPH = {name: imports(name) for name in MODULES}


def find_cycle() -> list[str] | None:
    """A cycle of imports among the library's modules, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        path.pop()
        state[name] = 2
        return None

    for name in sorted(GRAPH):
        if name not in state and (cycle := visit(name)):
            return cycle
    return None


class TestImports:
    """The import graph of the library's modules."""

    def test_the_modules_are_found(self):
        """The graph covers the engine, the Quebec pack and the front modules."""
        assert {"dme_rules.engine.rule", "dme_rules.jurisdictions.qc.rules", "dme_rules.cli"} <= (
            set(MODULES)
        )
        assert "dme_rules.engine.calendar" in GRAPH["dme_rules.engine.clock"]

    def test_no_cycle(self):
        """No module imports itself through others, even lazily or for type checking."""
        assert find_cycle() is None

    def test_a_cycle_would_be_seen(self):
        """The cycle finder sees a cycle added to the graph (it can fail)."""
        GRAPH["dme_rules.engine.time"].add("dme_rules.engine.rule")
        try:
            assert find_cycle() is not None
        finally:
            GRAPH["dme_rules.engine.time"].discard("dme_rules.engine.rule")

    def test_engine_imports_only_the_engine(self):
        """The engine imports neither a jurisdiction nor the front modules."""
        allowed = {"dme_rules.errors", "dme_rules._version"}
        for name, targets in GRAPH.items():
            if name.startswith("dme_rules.engine"):
                outside = {t for t in targets if not t.startswith("dme_rules.engine")} - allowed
                assert set() == outside, name

    def test_engine_modules_import_only_those_above_them_in_the_docs(self):
        """The engine's modules import each other in the order the architecture page lists
        them (each only those above it), so the page's tree is the layering."""
        listed = re.findall(r"^│   [├└]── (\w+)\.py", ARCHITECTURE.read_text("utf-8"), re.M)
        order = [f"dme_rules.engine.{name}" for name in listed]
        engine = {name for name in MODULES if name.startswith("dme_rules.engine.")}
        private = {"dme_rules.engine._checks", "dme_rules.engine._speed"}  # leaves, below all
        assert sorted(engine - private) == sorted(order)
        for name in private:
            assert {t for t in GRAPH[name] if t.startswith("dme_rules.engine")} <= private, name
        for position, name in enumerate(order):
            later = set(order[position:])
            assert set() == GRAPH[name] & later, name

    def test_packs_import_the_engine_and_themselves(self):
        """A pack imports the engine and its own modules, never another pack or the front."""
        for name, targets in GRAPH.items():
            parts = name.split(".")
            if len(parts) > 2 and parts[1] == "jurisdictions":
                own = ".".join(parts[:3])
                for target in targets:
                    assert target.startswith(("dme_rules.engine", "dme_rules.errors", own)), (
                        name,
                        target,
                    )

    def test_engine_code_names_no_jurisdiction(self):
        """No name or string of the engine's code (docstrings aside) names a jurisdiction."""
        for name, path in MODULES.items():
            if name.startswith("dme_rules.engine"):
                words = words_of_code(path.read_text(encoding="utf-8"))
                assert [] == [word for word in words if JURISDICTION_WORDS.search(word)], name

    def test_command_modules_are_imported_when_run(self):
        """The command line's entry and parser import no command's module (each is imported
        by name when its command runs)."""
        shared = {"dme_rules.cli.common", "dme_rules.cli.parser", "dme_rules.cli.words"}
        for name in ("dme_rules.cli", "dme_rules.cli.parser"):
            inside = {t for t in GRAPH[name] if t.startswith("dme_rules.cli.")}
            assert inside <= shared, name


def test_no_module_over_600_lines():
    """Every module of the library is of one concern, and short enough to read: at most 600
    lines."""
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600}  # fmt: skip
    assert {} == long


def test_each_module_imports_alone():
    """Each module imports in a fresh interpreter, as the first thing imported."""

    def import_alone(name: str) -> tuple[str, int, str]:
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
        )
        return name, done.returncode, done.stderr[-500:]

    with ThreadPoolExecutor(max_workers=4) as pool:
        failed = [result for result in pool.map(import_alone, sorted(MODULES)) if result[1]]
    assert [] == failed


#: The application modules: they ask the packs, and name nothing local to one of them.
APPLICATIONS = sorted(
    name
    for name in MODULES
    if "." in name
    and name.split(".")[1]
    in ("cli", "service", "audit", "plot", "schemas", "dataframes", "testfiles", "pytest_plugin")
)


def local_words() -> re.Pattern[str]:
    """Words that name a jurisdiction or its local knowledge: the jurisdictions' names and the
    places of their zones, the vendors of Quebec's directory, and everything the registered
    packs declare: ids (as the first segment of a dotted id), zones, calendar ids, names and
    options, subject kinds and schema names, command names."""
    words = set(JURISDICTION_WORDS.pattern[3:-3].split("|"))
    words |= {"europe", "america", "pâques", "alsace", "moselle", "migration", "omnimed", "myle"}
    for pack in dme_rules.JURISDICTIONS.values():
        words.add(f"{pack.id}.")
        words |= set(str(pack.zone).replace("/", " ").replace("_", " ").lower().split())
        words |= {calendar.id for calendar in pack.calendars}
        for named in pack.calendar_names:
            words |= {named.name, *([named.option] if named.option else [])}
        for subject in pack.subjects:
            words |= {subject.kind, subject.schema_name}
        words |= set(pack.commands)
        words |= {pack.logs.command} if pack.logs is not None else set()
    words -= {"case"}  # a schema's name that is also the library's word for a subject
    pattern = "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])({pattern})(?![\w-])", re.IGNORECASE)


LOCAL_WORDS = local_words()


def words_of_code(source: str) -> list[str]:
    """Every string and name of ``source`` but its docstrings: string constants, names,
    attributes, definitions, arguments, keywords and imports (``_`` and ``.`` read as
    spaces)."""
    tree = ast.parse(source)
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found += [] if id(node) in docstrings else [node.value]
        elif isinstance(node, ast.Name):
            found.append(node.id)
        elif isinstance(node, ast.Attribute):
            found.append(node.attr)
        elif isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(node.name)
        elif isinstance(node, (ast.arg, ast.keyword)):
            found.append(node.arg or "")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [alias.asname or alias.name for alias in node.names]
    return [word.replace("_", " ").replace(".", " ") for word in found]


class TestApplicationsKnowNoPack:
    """The applications ask the packs; nothing in them is local to one of them."""

    @pytest.mark.parametrize("name", APPLICATIONS)
    def test_names_no_jurisdiction(self, name):
        """No string or name of an application module (docstrings aside) names a
        jurisdiction, its zone, calendars, subjects, commands or vendors."""
        words = words_of_code(MODULES[name].read_text(encoding="utf-8"))
        assert [] == [word for word in words if LOCAL_WORDS.search(word)]

    def test_every_application_is_scanned(self):
        """The command line's and the service's modules, the audit, the plots, the schemas,
        the dataframes, the test files and the pytest plugin are all scanned."""
        expected = {"dme_rules.cli.check", "dme_rules.service.handlers", "dme_rules.audit",
                    "dme_rules.plot", "dme_rules.schemas", "dme_rules.dataframes",
                    "dme_rules.testfiles.files", "dme_rules.testfiles.runner",
                    "dme_rules.pytest_plugin"}  # fmt: skip
        assert expected <= set(APPLICATIONS)

    @pytest.mark.parametrize(
        "source",
        ['kind = "qc.migration.case"', "from dme_rules.jurisdictions.qc import requests",
         "def f(montreal_zone): pass", "answer = pack.france", 'call(as_of="x", paris=1)',
         'choices = ("cpc", "lnt")', 'name = "dmp-audit"', 'zone = "America/Toronto"',
         'add_parser("consent")', 'schema("dmp-record")'],
    )  # fmt: skip
    def test_a_local_word_would_be_seen(self, source):
        """The scan sees a local word in a string, an import, an argument, an attribute or a
        keyword (it can fail)."""
        assert any(LOCAL_WORDS.search(word) for word in words_of_code(source))

    def test_docstrings_are_not_code(self):
        """A docstring may name a jurisdiction (an example); it is not scanned."""
        source = 'def f():\n    """As in qc.migration.case."""\n    return 1\n'
        assert not any(LOCAL_WORDS.search(word) for word in words_of_code(source))
