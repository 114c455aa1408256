"""The pytest plugin: declarative test files (YAML) run with a project's other tests.

The package registers it (the ``pytest11`` entry point ``dme_rules.pytest_plugin``); it
collects nothing until asked, so the YAML files of a repository are left alone. A ``*.yaml``
or ``*.yml`` file is collected when it lies under a folder of the ini option
``dme_rules_test_paths`` (relative to the ini file), or when it is named on the command line
(``pytest rules/test_fees.yaml``)::

    [tool.pytest.ini_options]
    testpaths = ["tests"]
    dme_rules_test_paths = ["tests/rules"]

Each test of a file is one pytest item, run by :func:`dme_rules.testfiles.run_test` as
``dme-rules test`` runs it; a failure shows the same lines (the test's name, its file and
line, each key expected and got), in French, or in English with ``dme_rules_lang = en``. A
file that cannot be read is a collection error naming its line. Reading the files needs the
``test-files`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from dme_rules.testfiles import YamlTest, YamlTestResult

__all__ = [
    "YamlTestFailure",
    "YamlTestFile",
    "YamlTestItem",
    "pytest_addoption",
    "pytest_collect_file",
    "pytest_configure",
]

#: The ini option naming the folders whose YAML files are test files.
PATHS_OPTION = "dme_rules_test_paths"
#: The ini option naming the language of the failures.
LANG_OPTION = "dme_rules_lang"


def pytest_addoption(parser: pytest.Parser) -> None:
    """The plugin's ini options."""
    parser.addini(
        PATHS_OPTION,
        type="paths",
        default=[],
        help="folders whose *.yaml and *.yml files are dme-rules test files",
    )
    parser.addini(
        LANG_OPTION, default="fr", help="the language of dme-rules test failures: fr or en"
    )


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a language the failures cannot be said in."""
    from dme_rules.engine.messages import LANGUAGES

    lang = config.getini(LANG_OPTION)
    if lang not in LANGUAGES:
        shown = ascii(lang)
        raise pytest.UsageError(
            f"{LANG_OPTION}: expected one of {', '.join(LANGUAGES)}, got {shown} / "
            f"{LANG_OPTION} : attendu un de {', '.join(LANGUAGES)}, reçu {shown}"
        )


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> YamlTestFile | None:
    """A test file when ``file_path`` is YAML under a folder of ``dme_rules_test_paths``
    or named on the command line; ``None`` otherwise."""
    if file_path.suffix not in (".yaml", ".yml"):
        return None
    folders: list[Path] = parent.config.getini(PATHS_OPTION)
    if parent.session.isinitpath(file_path) or any(
        file_path.is_relative_to(folder) for folder in folders
    ):
        file: YamlTestFile = YamlTestFile.from_parent(parent, path=file_path)
        return file
    return None


class YamlTestFile(pytest.File):
    """A declarative test file: one item per test."""

    def collect(self) -> Iterator[YamlTestItem]:
        from dme_rules.errors import DmeRulesError
        from dme_rules.testfiles import read_test_file, require_extra

        try:
            require_extra()  # PyYAML
            tests = read_test_file(self.path)
        except DmeRulesError as error:  # the file, its line, what was expected
            raise self.CollectError(str(error)) from None
        for test in tests:
            yield YamlTestItem.from_parent(self, name=test.name, test=test)


class YamlTestFailure(Exception):
    """A test whose report is not what it expects."""

    def __init__(self, result: YamlTestResult) -> None:
        super().__init__(result.test.name)
        self.result = result


class YamlTestItem(pytest.Item):
    """One declarative test."""

    def __init__(self, *, test: YamlTest, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.test = test

    def runtest(self) -> None:
        from dme_rules.testfiles import run_test

        result = run_test(self.test)
        if not result.passed:
            raise YamlTestFailure(result)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None
    ) -> str | Any:
        from dme_rules.errors import DmeRulesError

        if isinstance(excinfo.value, YamlTestFailure):
            return "\n".join(excinfo.value.result.lines(self._lang()))
        if isinstance(excinfo.value, DmeRulesError):  # a test that cannot run
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.test.line - 1, self.test.name

    def _lang(self) -> str:
        return str(self.config.getini(LANG_OPTION))
