"""Test configuration: Hypothesis profiles.

``.ci/run`` selects the ``ci`` profile (derandomized, no deadline) through
the HYPOTHESIS_PROFILE environment variable, so CI results are reproducible.
Locally the ``dev`` profile applies unless told otherwise.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
