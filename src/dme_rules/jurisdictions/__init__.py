"""The jurisdiction packs, discovered: :data:`JURISDICTIONS` maps each id to its pack.

Each package here is one jurisdiction (``qc``) and defines ``JURISDICTION``, a
:class:`~dme_rules.engine.jurisdiction.Jurisdiction`. Importing this package finds every pack
and registers it with the engine (:mod:`dme_rules.engine.registry`), which then evaluates a
subject with the rules of its jurisdiction. Adding a jurisdiction is adding a package.

A pack distributed on its own is found the same way: a folder ``dme_rules/jurisdictions/<id>/``
in any entry of the import path (another distribution's, or ``PYTHONPATH``'s) joins this
package's own folder, and nothing of the library changes.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from collections.abc import Mapping
from typing import cast

from dme_rules.engine.jurisdiction import Jurisdiction, register
from dme_rules.engine.readings import Reading, readings_by_id
from dme_rules.engine.registry import packs

__all__ = ["JURISDICTIONS", "READINGS"]


def _folders(shipped: list[str]) -> list[str]:
    """This package's folders, then the ``dme_rules/jurisdictions`` folder of each other
    entry of the import path that has one (each folder once) and is not another copy of the
    library (whose packs belong to it: a folder beside ``dme_rules/__init__.py``)."""
    found = list(shipped)
    seen = {os.path.realpath(folder) for folder in found}
    for entry in sys.path:
        library = os.path.join(entry or os.curdir, "dme_rules")
        folder = os.path.join(library, "jurisdictions")
        if os.path.isfile(os.path.join(library, "__init__.py")):
            continue  # another copy of the library, not a pack distributed on its own
        if os.path.isdir(folder) and os.path.realpath(folder) not in seen:
            seen.add(os.path.realpath(folder))
            found.append(folder)
    return found


__path__ = _folders(__path__)


def _discover() -> dict[str, Jurisdiction]:
    """Every pack of this package, by id; each is registered with the engine."""
    found: dict[str, Jurisdiction] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if not module_info.ispkg or module_info.name.startswith("_"):
            continue
        name = f"{__name__}.{module_info.name}"
        try:
            module = importlib.import_module(name)
        except Exception as error:  # a pack of another distribution may be broken
            raise LookupError(
                f"{name}: the pack cannot be imported ({type(error).__name__}: {error})"
            ) from error
        pack = getattr(module, "JURISDICTION", None)
        if not isinstance(pack, Jurisdiction) or pack.id != module_info.name:
            raise LookupError(f"{name} must define its JURISDICTION, a Jurisdiction of that id")
        found[pack.id] = pack
    for pack in found.values():
        register(pack)
    return found


_discover()

#: Every jurisdiction pack, by id (``qc``): the engine's registry, read-only.
JURISDICTIONS: Mapping[str, Jurisdiction] = cast(Mapping[str, Jurisdiction], packs())

#: Every reading of every pack, once each by id (``procedure-2024``), also found by its former
#: ids (``unconfirmed-is-violation``); read-only.
READINGS: Mapping[str, Reading] = readings_by_id(
    reading for pack in JURISDICTIONS.values() for reading in pack.readings
)
