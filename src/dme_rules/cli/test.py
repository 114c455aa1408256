"""``dme-rules test PATH...``: declarative test files (YAML), each test run and compared.

Every failure prints as people read it (the test's name and ``file:line``, each key expected
and got), then a summary line; a test file that cannot be read, or a test that cannot run,
is one line on standard error naming its file, its line and what was expected, and the run
goes on. Exit 0 when every test passes, 1 when one fails, 2 when a file or a test is in
error. The tests are read and run by :mod:`dme_rules.testfiles`, as the pytest plugin does.
"""

from __future__ import annotations

import argparse

from dme_rules.cli.common import EXIT_BAD_INPUT, EXIT_OK, EXIT_VIOLATION, say
from dme_rules.testfiles import (
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
    tests = passed = failed = errors = 0
    for path in args.paths:
        try:
            files = find_test_files(path)
        except YamlTestError as error:
            say(f"dme-rules: {error}")
            errors += 1
            continue
        for file in files:
            try:
                found = read_test_file(file)
            except YamlTestError as error:
                say(f"dme-rules: {error}")
                errors += 1
                continue
            for test in found:
                tests += 1
                try:
                    result = run_test(test, args.reading)
                except YamlTestError as error:
                    say(f"dme-rules: {error}")
                    errors += 1
                    continue
                if result.passed:
                    passed += 1
                else:
                    failed += 1
                    print("\n".join(result.lines(args.lang)))
    print(summary(tests, passed, failed, errors, args.lang))
    if errors:
        return EXIT_BAD_INPUT
    return EXIT_VIOLATION if failed else EXIT_OK
