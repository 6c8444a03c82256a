"""The jobs' uploaded sheets, for the tests of what runs after a job."""

from citybridge.jobs.tests.conftest import previewed  # noqa: F401 (a fixture)
