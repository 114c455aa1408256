"""Reading declarative test files: YAML read safely and as strictly as a case, each test with
the line it starts on.

A file holds a list of tests (or one test, a mapping). Each test has a ``name``, an ``as_of``
(a date, the end of that day in the subject's time zone, or an instant with its offset), its
optional ``readings``, the subject as ``input`` (a mapping, the subject's JSON form) or as
``input_file`` (a JSON file, relative to the test file), and what it expects (``expect``):
the report's ``status`` and its ``findings`` by rule id. An unknown key, a key given twice, a
value of the wrong kind are refused with the file, the line and what was expected.

The YAML is read by PyYAML's safe loader with two changes, so that values read as the JSON
form of a subject has them: dates and instants stay text (``2025-07-14``, read by the
subject's own reader or compared with the report's JSON), and only ``true`` and ``false``
are booleans (a checklist's ``yes`` and ``no`` stay answers, as in YAML 1.2).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import attrs

from dme_rules.cli.common import InputError, Worded, as_of, both, instant_of, load, reading
from dme_rules.engine.evaluation import read_subject
from dme_rules.engine.jurisdiction import jurisdiction_of, jurisdictions
from dme_rules.engine.report import REPORT_SCHEMA
from dme_rules.engine.status import Status
from dme_rules.engine.subjects import Subject
from dme_rules.errors import DmeRulesError

__all__ = [
    "EXPECT_KEYS",
    "FINDING_KEYS",
    "TEST_KEYS",
    "ExpectedFindings",
    "YamlTest",
    "YamlTestError",
    "find_test_files",
    "read_test_file",
    "require",
    "require_extra",
]

#: The keys of a test.
TEST_KEYS = ("name", "as_of", "readings", "input", "input_file", "expect")
#: The keys of a test's ``expect``.
EXPECT_KEYS = ("status", "findings")
#: The keys a finding's expectation may name: those of a finding in the report's JSON, and
#: ``missing`` (the facts a finding lacks, from its details, as the report's records have it).
FINDING_KEYS = (*REPORT_SCHEMA["$defs"]["finding"]["properties"], "missing")
#: The most values a test file may hold, its aliases expanded (a file of a hundred thousand
#: tests of complete cases holds about ten million).
MAX_VALUES = 10_000_000
#: The extra that installs what test files need.
EXTRA = "test-files"


class YamlTestError(DmeRulesError):
    """A test file that cannot be read, or a test that cannot be run: the file, the line
    and what was expected (in English, then French).

    Attributes:
        path: The test file.
        line: The line (from 1) at fault, 0 when the file itself is.
        reason: What was expected, in both languages.
    """

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{self.path}:{line}: {reason}" if line else f"{self.path}: {reason}")


def require(module: str) -> Any:
    """Import ``module`` (``yaml``), which the ``test-files`` extra installs.

    Raises:
        DmeRulesError: The module is not installed; the message names the extra.
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise DmeRulesError(both("error.test_extra", module=module, extra=EXTRA)) from None


def require_extra() -> None:
    """Check that what test files need (PyYAML) is installed.

    Raises:
        DmeRulesError: It is not; the message names the extra to install.
    """
    require("yaml")


@attrs.frozen
class ExpectedFindings:
    """What a test expects of one rule's findings.

    Attributes:
        rule_id: The rule's id.
        findings: Each finding's expected keys and values, in order.
        listed: Whether they were written as a list (the rule's findings, in order), rather
            than as one mapping (the rule's one finding).
    """

    rule_id: str
    findings: tuple[Mapping[str, Any], ...]
    listed: bool


@attrs.frozen
class YamlTest:
    """One declarative test: a subject, the instant it is judged at, what is expected.

    Attributes:
        name: The test's name, as people read it.
        path: The test file.
        line: The line (from 1) the test starts on.
        as_of: The instant of the evaluation.
        readings: The readings the test chooses (ids).
        subject: The subject judged.
        status: The report's expected status, or ``None``.
        findings: The expected findings, rule by rule, in the file's order.
    """

    name: str
    path: Path
    line: int
    as_of: datetime
    readings: tuple[str, ...]
    subject: Subject
    status: str | None
    findings: tuple[ExpectedFindings, ...]

    @property
    def where(self) -> str:
        """``file:line``."""
        return f"{self.path}:{self.line}"


def find_test_files(path: Path | str) -> list[Path]:
    """The test files ``path`` names: itself, or every ``*.yaml`` and ``*.yml`` file under a
    folder, recursively, sorted by full path.

    Raises:
        YamlTestError: ``path`` does not exist, or a folder holds no test file.
    """
    given = Path(path)
    if given.is_dir():
        found = sorted(p for p in given.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
        if not found:
            raise YamlTestError(given, 0, both("error.test_none"))
        return found
    if not given.exists():
        raise YamlTestError(given, 0, both("error.test_no_path"))
    return [given]


def read_test_file(path: Path | str) -> tuple[YamlTest, ...]:
    """The tests of the YAML file ``path``, each read strictly.

    Raises:
        YamlTestError: The file cannot be read, is not YAML, or a test in it is malformed
            (its line, and what was expected).
        DmeRulesError: PyYAML is not installed (the message names the extra).
    """
    file = Path(path)
    try:
        text = file.read_bytes()
    except OSError as error:
        raise YamlTestError(
            file, 0, both("error.unreadable", reason=Worded.why_not(error))
        ) from None
    reader = _Reader(file, text)
    return tuple(reader.test(node) for node in reader.tests())


def _loader_class() -> Any:
    """PyYAML's safe loader, with dates kept as text, only ``true``/``false`` as booleans,
    and a key given twice in a mapping refused."""
    yaml = require("yaml")
    booleans, timestamps = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"

    class Loader(yaml.SafeLoader):  # type: ignore[name-defined,misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, str):
                    if key in seen:
                        raise _Refused(key_node, both("error.test_twice", key=key))
                    seen.add(key)
            return super().construct_mapping(node, deep=deep)

    Loader.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag not in (booleans, timestamps)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        booleans, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )
    return Loader


class _Refused(Exception):
    """A value refused while the YAML is built: the node at fault and why."""

    def __init__(self, node: Any, reason: str) -> None:
        super().__init__(reason)
        self.node, self.reason = node, reason


def _iso(value: object) -> str:
    """A date or an instant tagged ``!!timestamp`` in YAML, as its JSON text."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _expanded_size(root: Any) -> int:
    """How many values the document holds once its aliases are expanded (counting stops
    past :data:`MAX_VALUES`)."""
    count, stack = 0, [root]
    while stack and count <= MAX_VALUES:
        node = stack.pop()
        count += 1
        if isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return count


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


class _Reader:
    """One test file's nodes, built into tests (each error with its line)."""

    def __init__(self, path: Path, text: bytes) -> None:
        yaml = require("yaml")
        self.path = path
        self.loader = _loader_class()(text)
        try:
            self.root = self.loader.get_single_node()
        except RecursionError:  # nested deeper than any test
            raise YamlTestError(path, 0, both("error.test_deep")) from None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            raise YamlTestError(
                path,
                mark.line + 1 if mark is not None else 0,
                both("error.test_yaml", problem=error.problem or error.context),
            ) from None
        except yaml.YAMLError as error:  # the bytes are not text
            raise YamlTestError(path, 0, both("error.test_yaml", problem=error)) from None
        if _expanded_size(self.root) > MAX_VALUES:  # aliases that expand without end
            raise YamlTestError(path, 0, both("error.test_size", limit=MAX_VALUES))

    def error(self, node: Any, code: str, /, **values: Any) -> YamlTestError:
        return YamlTestError(self.path, _line(node), both(code, **values))

    def value(self, node: Any) -> Any:
        """The plain value (text, number, list, mapping) of ``node``."""
        try:
            return self.loader.construct_object(node, deep=True)
        except _Refused as refused:
            raise YamlTestError(self.path, _line(refused.node), refused.reason) from None
        except require("yaml").MarkedYAMLError as error:
            raise self.error(node, "error.test_yaml", problem=error.problem) from None

    def tests(self) -> list[Any]:
        """The nodes of the file's tests."""
        kind = type(self.root).__name__ if self.root is not None else None
        if kind == "SequenceNode":
            return list(self.root.value)
        if kind == "MappingNode":
            return [self.root]
        raise YamlTestError(self.path, _line(self.root) if kind else 0, both("error.test_list"))

    def mapping(self, node: Any, known: tuple[str, ...], field: str) -> dict[str, Any]:
        """The value nodes of a mapping ``node`` by key, each key one of ``known``."""
        if type(node).__name__ != "MappingNode":
            raise self.error(node, "error.test_mapping", field=field, keys=", ".join(known))
        found: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if key not in known:
                raise self.error(
                    key_node, "error.test_key", field=field, key=key, keys=", ".join(known)
                )
            if key in found:
                raise self.error(key_node, "error.test_twice", key=key)
            found[key] = value_node
        return found

    def test(self, node: Any) -> YamlTest:
        """The test that ``node`` declares."""
        keys = self.mapping(node, TEST_KEYS, "test")
        for required in ("name", "as_of", "expect"):
            if required not in keys:
                raise self.error(node, "error.test_missing", key=required)
        if ("input" in keys) == ("input_file" in keys):
            raise self.error(node, "error.test_input")
        name = self.value(keys["name"])
        if not isinstance(name, str) or not name.strip():
            raise self.error(keys["name"], "error.test_value", key="name", shown=ascii(name))
        when = self.parsed(keys["as_of"], "as_of", as_of)  # a date: its end in the subject's zone
        readings = self.readings(keys.get("readings"))
        subject = self.subject(keys)
        status, findings = self.expect(keys["expect"])
        return YamlTest(
            name=name,
            path=self.path,
            line=_line(node),
            as_of=instant_of(when, jurisdiction_of(subject.kind).zone),
            readings=readings,
            subject=subject,
            status=status,
            findings=findings,
        )

    def parsed(self, node: Any, key: str, parse: Callable[[str], Any]) -> Any:
        """``node``'s text read by one of the command line's argument types."""
        text = self.value(node)
        try:
            if not isinstance(text, str):
                raise argparse.ArgumentTypeError(both("error.test_text", shown=ascii(text)))
            return parse(text)
        except argparse.ArgumentTypeError as error:
            raise YamlTestError(self.path, _line(node), f"{key}: {error}") from None

    def readings(self, node: Any) -> tuple[str, ...]:
        if node is None:
            return ()
        if type(node).__name__ != "SequenceNode":
            raise self.error(node, "error.test_readings")
        return tuple(self.parsed(item, "readings", reading) for item in node.value)

    def subject(self, keys: Mapping[str, Any]) -> Subject:
        """The subject of ``input`` (its JSON form) or ``input_file``, read as ``check``
        reads a file."""
        if "input_file" in keys:
            node = keys["input_file"]
            name = self.value(node)
            if not isinstance(name, str) or not name:
                raise self.error(node, "error.test_value", key="input_file", shown=ascii(name))
            try:
                return load(str(self.path.parent / name), read_subject)
            except InputError as error:
                raise YamlTestError(self.path, _line(node), f"input_file: {error}") from None
        node = keys["input"]
        data = self.value(node)
        if not isinstance(data, Mapping):
            raise self.error(node, "error.test_input_mapping")
        try:
            return read_subject(json.dumps(data, ensure_ascii=False, default=_iso))
        except (TypeError, ValueError, RecursionError) as error:  # its JSON path, if invalid
            reason = str(error) if isinstance(error, DmeRulesError) else type(error).__name__
            raise YamlTestError(self.path, _line(node), f"input: {reason}") from None

    def expect(self, node: Any) -> tuple[str | None, tuple[ExpectedFindings, ...]]:
        """The report's expected status and findings."""
        keys = self.mapping(node, EXPECT_KEYS, "expect")
        if not keys:
            raise self.error(node, "error.test_expect")
        status = self.status(keys["status"]) if "status" in keys else None
        findings = self.findings(keys["findings"]) if "findings" in keys else ()
        return status, findings

    def status(self, node: Any) -> str:
        value = self.value(node)
        statuses = [status.value for status in Status]
        if value not in statuses:
            raise self.error(node, "error.test_status", ids=", ".join(statuses), shown=ascii(value))
        return str(value)

    def findings(self, node: Any) -> tuple[ExpectedFindings, ...]:
        """Each rule's expected findings: a mapping of finding keys, or a list of them."""
        known = {rule_id for pack in jurisdictions().values() for rule_id in pack.rules}
        found = []
        for rule_id, value_node in self.mapping(node, tuple(sorted(known)), "findings").items():
            listed = type(value_node).__name__ == "SequenceNode"
            items = value_node.value if listed else [value_node]
            found.append(ExpectedFindings(rule_id, tuple(map(self.finding, items)), listed))
        return tuple(found)

    def finding(self, node: Any) -> Mapping[str, Any]:
        """One finding's expected keys and values."""
        keys = self.mapping(node, FINDING_KEYS, "finding")
        if "status" in keys:
            self.status(keys["status"])
        return {key: self.value(value_node) for key, value_node in keys.items()}
