"""Fixtures for the newsletter's tests: people, the site, a clock, the task queue."""

from datetime import timedelta
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.test import Client
from django.utils import timezone

from tests.accounts.factories import AuthorFactory, EditorFactory


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    """Tests fill forms faster than people; the time trap is tested on its own."""
    settings.ABUSE_FORM_MIN_SECONDS = 0


@pytest.fixture(autouse=True)
def _named_site(site):
    """Links in mail are built from the site: https://testserver/..."""
    return site


@pytest.fixture
def back_office(settings):
    """The admin without the two-factor step (tested in tests/accounts)."""
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def author(db):
    return AuthorFactory(display_name="Alice Author", email="alice@example.com")


@pytest.fixture
def editor(db):
    return EditorFactory(display_name="Eddie Editor", email="eddie@example.com")


def signed_in(user, **kwargs):
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor, back_office):
    return signed_in(editor)


@pytest.fixture
def author_client(author, back_office):
    return signed_in(author)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the block leaves for after the commit, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


class Clock:
    """A fixed time that tests move forward by hand."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    """
    ``timezone.now`` stands still until the test moves it, and so does the
    clock signed links are dated and checked by (``django.core.signing``).
    """
    fixed = Clock(timezone.now().replace(microsecond=0))
    signing_time = SimpleNamespace(time=lambda: fixed.now.timestamp())
    with (
        patch("django.utils.timezone.now", new=fixed),
        patch("django.core.signing.time", new=signing_time),
    ):
        yield fixed


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
