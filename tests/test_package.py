"""Tests of the package as installed: version, public API, import cost."""

from __future__ import annotations

import inspect
import subprocess
import sys
from importlib.metadata import version

import dme_rules


class TestPackage:
    """The installed distribution and its public names."""

    def test_version_is_the_installed_one(self):
        """__version__ comes from the installed metadata."""
        assert version("dme-rules") == dme_rules.__version__

    def test_all_names_exist(self):
        """Every name in __all__ is importable from dme_rules."""
        missing = [name for name in dme_rules.__all__ if not hasattr(dme_rules, name)]
        assert [] == missing

    def test_public_functions_and_classes_have_docstrings(self):
        """Every public function, class and public method has a docstring."""
        undocumented = []
        for name in dme_rules.__all__:
            value = getattr(dme_rules, name)
            if not (inspect.isclass(value) or inspect.isfunction(value)):
                continue
            if not inspect.getdoc(value):
                undocumented.append(name)
            if inspect.isclass(value):
                for member, attribute in vars(value).items():
                    is_method = inspect.isfunction(attribute) or isinstance(attribute, property)
                    if is_method and not member.startswith("_") and not inspect.getdoc(attribute):
                        undocumented.append(f"{name}.{member}")
        assert [] == undocumented

    def test_spec_names_exist(self):
        """The names SPEC sections 2-3 define are public."""
        calendar = dme_rules.QUEBEC_CPC
        for method in (
            "is_business_day",
            "next_business_day",
            "roll_forward",
            "add_business_days",
            "business_days_between",
            "holidays",
            "with_closures",
        ):
            assert callable(getattr(calendar, method))
        for name in (
            "QUEBEC_CPC",
            "QUEBEC_LNT",
            "BusinessCalendar",
            "NaiveDatetimeError",
            "CalendarRangeError",
            "official_start",
            "Interpretation",
            "Holiday",
        ):
            assert name in dme_rules.__all__

    def test_import_is_cheap(self):
        """import dme_rules loads neither workalendar nor pendulum nor builds a table."""
        code = (
            "import sys, dme_rules; "
            "heavy = ('workalendar', 'pendulum', 'holidays'); "
            "print(sorted(m for m in heavy if m in sys.modules)); "
            "print(dme_rules.QUEBEC_CPC._table is None)"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert ["[]", "True"] == done.stdout.split()


def test_the_version_is_written_once():
    """The build reads the version from dme_rules._version: the installed distribution's
    metadata says the same, and importing the package does not read metadata."""
    import importlib.metadata
    import subprocess
    import sys

    import dme_rules

    assert importlib.metadata.version("dme-rules") == dme_rules.__version__
    done = subprocess.run(
        [sys.executable, "-c", "import sys, dme_rules; print('importlib.metadata' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "False" == done.stdout.strip()


#: The SHA-256 of the Apache License 2.0 as the Apache Software Foundation publishes it
#: (https://www.apache.org/licenses/LICENSE-2.0.txt, 11,358 bytes).
APACHE_2_0_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30"


def test_the_distribution_names_its_licence(tmp_path):
    """Built from this tree and installed, the distribution's metadata names its licence as
    an SPDX expression, Apache-2.0, and ships LICENSE, the licence's whole published text."""
    import hashlib
    import importlib.metadata
    from pathlib import Path

    root = Path(__file__).parent.parent
    assert APACHE_2_0_SHA256 == hashlib.sha256((root / "LICENSE").read_bytes()).hexdigest()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(root)],
        capture_output=True, check=True,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("dme_rules-*.whl")
    site = tmp_path / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        capture_output=True, check=True,
    )  # fmt: skip
    (installed,) = importlib.metadata.distributions(path=[str(site)])
    metadata = installed.metadata
    assert ("dme-rules", "Apache-2.0", ["LICENSE"]) == (
        metadata["Name"], metadata["License-Expression"], metadata.get_all("License-File"),
    )  # fmt: skip
    (licence,) = [file for file in installed.files or [] if file.name == "LICENSE"]
    assert (root / "LICENSE").read_bytes() == Path(installed.locate_file(licence)).read_bytes()
