"""Test configuration: Hypothesis profiles.

``.ci/run`` selects the ``ci`` profile (derandomized, no deadline) through
the HYPOTHESIS_PROFILE environment variable, so CI results are reproducible.
Locally the ``dev`` profile applies unless told otherwise.
"""

import os

from hypothesis import HealthCheck, settings

# Drawing a whole valid log takes some milliseconds; on a loaded CI machine
# that can trip the too_slow health check, which would make CI flaky.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
