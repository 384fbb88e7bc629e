"""Fixtures for the comments' tests: posts open for comments, people, a clock."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.test import Client
from django.utils import timezone

from tests.accounts.factories import AuthorFactory, EditorFactory
from tests.blog.factories import PostFactory


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    """Tests fill forms faster than people; the time trap is tested on its own."""
    settings.ABUSE_FORM_MIN_SECONDS = 0


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


@pytest.fixture
def post(author):
    return PostFactory(
        title="Doorbells and the street", slug="doorbells-and-the-street", author=author
    )


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
    """Run what the block changes as a committed transaction would."""
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
    """``django.utils.timezone.now`` stands still until the test moves it."""
    fixed = Clock(timezone.now().replace(microsecond=0))
    with patch("django.utils.timezone.now", new=fixed):
        yield fixed
