"""Test configuration: Hypothesis profiles.

``dev`` (default) runs 200 examples per property; ``ci`` runs more and prints statistics-free
failures reproducibly (``HYPOTHESIS_PROFILE=ci``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=200,
    deadline=None,  # the first call on a calendar builds its table once
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("dev"), max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
