"""
Fixtures for the newsletter's tests: the site, the task queue. People,
clients, ``commit`` and the clock are shared (``tests/conftest.py``).
"""

import pytest


@pytest.fixture(autouse=True)
def _quick_forms(quick_forms):
    """Every newsletter test fills forms quickly (see ``quick_forms``)."""


@pytest.fixture(autouse=True)
def _named_site(site):
    """Links in mail are built from the site: https://testserver/..."""
    return site


@pytest.fixture
def task_queue(settings):
    """
    A queue that keeps what is enqueued instead of running it, and accepts
    ``run_after`` (the suite's immediate backend cannot defer work). Returns
    the list of enqueued results.
    """
    from django_tasks import task_backends

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    return task_backends["default"].results
