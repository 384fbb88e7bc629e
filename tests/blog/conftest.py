"""Fixtures for the blog's tests: the staff roles, and clients signed in as them."""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.test import Client
from django.utils import timezone

from tests.accounts.factories import AuthorFactory, EditorFactory, UserFactory


@pytest.fixture
def author(db):
    return AuthorFactory(display_name="Alice Author")


@pytest.fixture
def editor(db):
    return EditorFactory(display_name="Eddie Editor")


@pytest.fixture
def back_office(settings):
    """The admin without the two-factor step (tested in tests/accounts)."""
    settings.STAFF_MFA_REQUIRED = False


def signed_in(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def author_client(author, back_office):
    return signed_in(author)


@pytest.fixture
def editor_client(editor, back_office):
    return signed_in(editor)


@pytest.fixture
def client_as(db, author, editor):
    """A client for a role by name: anonymous, reader, author or editor."""

    def make(role):
        user = {
            "anonymous": None,
            "reader": UserFactory(),
            "author": author,
            "editor": editor,
        }[role]
        return signed_in(user)

    return make


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
