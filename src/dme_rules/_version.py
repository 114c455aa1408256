"""The library's version: the one place it is written (the build reads it from here, and
every report records it), so that ``import dme_rules`` does not read package metadata."""

from __future__ import annotations

#: The version of ``dme-rules``.
VERSION = "0.1.0.dev0"
