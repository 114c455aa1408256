"""``python -m dme_rules.cli``: the command line, as the ``dme-rules`` script runs it."""

from __future__ import annotations

import sys

from dme_rules.cli import main

if __name__ == "__main__":  # pragma: no cover - run as a program
    sys.exit(main())
