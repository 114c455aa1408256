"""The installed distribution's version, read once (every report records it)."""

from __future__ import annotations

from importlib.metadata import version

#: The version of the installed ``dme-rules`` distribution.
VERSION: str = version("dme-rules")
