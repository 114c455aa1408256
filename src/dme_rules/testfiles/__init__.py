"""Declarative test files: what auditors and vendors expect of their own cases, in YAML.

A test file holds a list of tests; each names a subject (``input``, its JSON form, or
``input_file``), the instant it is judged at (``as_of``), optional ``readings``, and what
the report must say (``expect``: its ``status``, and ``findings`` by rule id)::

    - name: Dossier complet, plainte au BCH sans suivi
      as_of: 2025-09-01            # the end of that day in the subject's time zone
      input_file: ../cases/spec-example.json
      expect:
        status: violation
        findings:
          qc.migration.extraction-deadline: {status: compliant, due: 2025-07-14}

:func:`read_test_file` reads a file strictly (PyYAML, the ``test-files`` extra);
:func:`run_test` evaluates one test with :func:`~dme_rules.evaluate` and compares its
report's JSON; :meth:`YamlTestResult.lines` says a failure as people read it. The command
``dme-rules test PATH...`` and the pytest plugin (:mod:`dme_rules.pytest_plugin`) run the
same files with these functions.
"""

from __future__ import annotations

from dme_rules.testfiles.files import (
    EXPECT_KEYS,
    FINDING_KEYS,
    TEST_KEYS,
    ExpectedFindings,
    YamlTest,
    YamlTestError,
    find_test_files,
    read_test_file,
    require_extra,
)
from dme_rules.testfiles.runner import Mismatch, YamlTestResult, run_test, summary

__all__ = [
    "EXPECT_KEYS",
    "FINDING_KEYS",
    "TEST_KEYS",
    "ExpectedFindings",
    "Mismatch",
    "YamlTest",
    "YamlTestError",
    "YamlTestResult",
    "find_test_files",
    "read_test_file",
    "require_extra",
    "run_test",
    "summary",
]
