"""The auditor's batch: many subjects in, one table of findings out.

:func:`read_inputs` turns command-line paths (case files, folders, JSON Lines files, ``-``) into
``(source, text)`` pairs; :func:`audit_rows` reads and evaluates each, giving one row per
finding (or one ``invalid_input`` row for an input that cannot be read) with the columns of
:data:`COLUMNS`; :func:`write_table` writes the rows as CSV, JSON Lines, Excel, Parquet or a
self-contained HTML page; :class:`Summary` counts what the auditor reads on standard error.
:func:`audit_text` gives the CSV or JSON Lines table batch by batch as finished text with each
batch's part of the summary, made in worker processes with ``jobs`` > 1.
The optional formats need the ``audit`` extra (``pip install 'dme-rules[audit]'``).
"""

from dme_rules.audit.people import html_page
from dme_rules.audit.rows import (
    CITATIONS,
    COLUMNS,
    FORMATS,
    INVALID,
    TYPED_COLUMNS,
    ZONE,
    Summary,
    audit_rows,
    default_format,
    read_inputs,
)
from dme_rules.audit.writing import STREAMED, audit_text, table_heading, write_table

__all__ = [
    "CITATIONS",
    "COLUMNS",
    "FORMATS",
    "INVALID",
    "STREAMED",
    "TYPED_COLUMNS",
    "ZONE",
    "Summary",
    "audit_rows",
    "audit_text",
    "default_format",
    "html_page",
    "read_inputs",
    "table_heading",
    "write_table",
]
