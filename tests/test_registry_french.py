"""Every registered text the documentation renders in French and English exists in both.

The rule catalogue and the readings page are generated from the registry in each language;
a rule version without ``summary_fr``, ``summary_en`` or ``effective_basis_fr``, or a reading
without ``basis_fr``, would leave a hole in one of them.
"""

from __future__ import annotations

import pytest

import dme_rules

VERSIONS = [
    (f"{rule.id} v{version.version}", version)
    for jurisdiction in dme_rules.JURISDICTIONS.values()
    for rule in jurisdiction.rules.values()
    for version in rule.versions
]
READINGS = list(dme_rules.READINGS.values())


def test_the_registry_is_not_empty():
    assert VERSIONS
    assert READINGS


@pytest.mark.parametrize("field", ["summary_fr", "summary_en", "effective_basis_fr"])
def test_every_rule_version_has_its_texts(field):
    missing = [name for name, version in VERSIONS if not getattr(version, field).strip()]
    assert not missing, f"rule versions with an empty {field}: {', '.join(missing)}"


def test_every_reading_has_a_french_basis():
    missing = [reading.id for reading in READINGS if not reading.basis_fr.strip()]
    assert not missing, f"readings with an empty basis_fr: {', '.join(missing)}"


def test_the_catalogue_entry_carries_both_languages():
    """A version's catalogue entry has the French texts beside the English ones."""
    for name, version in VERSIONS:
        entry = version.to_dict()
        assert entry["summary_fr"] == version.summary_fr, name
        assert entry["effective_basis_fr"] == version.effective_basis_fr, name
