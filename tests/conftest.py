"""Test configuration: Hypothesis profiles, and the PostgreSQL server of the tests.

``.ci/run`` selects the ``ci`` profile (derandomized, no deadline) through
the HYPOTHESIS_PROFILE environment variable, so CI results are reproducible.
Locally the ``dev`` profile applies unless told otherwise.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import schema_for
from tradedispute.testing.postgres import TemporaryCluster

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


# --- PostgreSQL: a real server the suite starts and stops -------------------------
# One throwaway cluster for the session (tradedispute.testing.postgres); tests
# that restart or kill a server start one of their own.


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[TemporaryCluster]:
    """A PostgreSQL server in a temporary folder, for the whole session."""
    with TemporaryCluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def postgres_url(postgres_cluster: TemporaryCluster) -> str:
    """The URL of a database of the session's server, for the tests' logs."""
    return postgres_cluster.create_database("tradedispute_tests")


@pytest.fixture
def pg_url(postgres_url: str, tmp_path: Path) -> str:
    """The URL of a new, empty log: a schema of its own on the session's server."""
    return f"{postgres_url}?schema={schema_for(tmp_path)}"
