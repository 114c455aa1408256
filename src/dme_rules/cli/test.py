"""``dme-rules test PATH...``: declarative test files (YAML), each test run and compared.

Every failure prints as people read it (the test's name and ``file:line``, each key expected
and got), then a summary line; a test file that cannot be read, or a test that cannot run,
is one line on standard error naming its file, its line and what was expected, and the run
goes on. Exit 0 when every test passes, 1 when one fails, 2 when a file or a test is in
error. The tests are read and run by :mod:`dme_rules.testfiles`, as the pytest plugin does.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Iterator

from dme_rules.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATION, print_lines, say
from dme_rules.testfiles import (
    YamlTest,
    YamlTestError,
    find_test_files,
    read_test_file,
    require_extra,
    run_test,
    summary,
)

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """Run every test of the files under ``args.paths``; print the failures and a summary."""
    require_extra()
    counts: Counter[str] = Counter()
    for test in _tests(args.paths, counts):
        counts["tests"] += 1
        try:
            result = run_test(test, args.reading)
        except YamlTestError as error:
            _error(error, counts)
            continue
        counts["passed" if result.passed else "failed"] += 1
        if not result.passed:
            print_lines(result.lines(args.lang))
    print(summary(counts["tests"], counts["passed"], counts["failed"], counts["errors"], args.lang))
    if counts["errors"]:
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if counts["failed"] else EXIT_OK


def _tests(paths: Iterable[str], counts: Counter[str]) -> Iterator[YamlTest]:
    """The tests of every readable file under ``paths``, in order; each path or file that
    cannot be read said and counted as an error."""
    for path in paths:
        try:
            files = find_test_files(path)
        except YamlTestError as error:
            _error(error, counts)
            continue
        for file in files:
            try:
                yield from read_test_file(file)
            except YamlTestError as error:
                _error(error, counts)


def _error(error: YamlTestError, counts: Counter[str]) -> None:
    say(f"dme-rules: {error}")
    counts["errors"] += 1
