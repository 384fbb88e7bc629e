"""Fixtures for the contact tests: the form, the inbox's people, mail, a clock."""

from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest
from django.test import Client

from tests.accounts.factories import AuthorFactory, EditorFactory
from tests.contact.factories import SiteDetailsFactory, TopicFactory
from tests.contact.helpers import send_enquiry

INBOX = "inbox@cctvfocus.example"


@pytest.fixture(autouse=True)
def _quick_forms(settings):
    """Tests fill the form faster than people; the time trap is tested on its own."""
    settings.ABUSE_FORM_MIN_SECONDS = 0


@pytest.fixture(autouse=True)
def _inbox(settings):
    settings.CONTACT_INBOX = [INBOX]
    settings.MANAGERS = []


@pytest.fixture
def back_office(settings):
    """The admin without the two-factor step (tested in tests/accounts)."""
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def company(site):
    return SiteDetailsFactory(site=site)


@pytest.fixture
def topic(db):
    return TopicFactory(name="A quote")


@pytest.fixture
def editor(db):
    return EditorFactory(display_name="Eddie Editor", email="eddie@example.com")


@pytest.fixture
def author(db):
    return AuthorFactory(display_name="Alice Author", email="alice@example.com")


def signed_in(user):
    client = Client()
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
def send(client, topic, site, django_capture_on_commit_callbacks):
    """
    Send the form as a reader's browser would, and let the transaction commit,
    so the background mail runs (immediate tasks backend) as it would live.
    """

    def send(using=None, **fields):
        fields.setdefault("topic", topic)
        with django_capture_on_commit_callbacks(execute=True):
            return send_enquiry(using or client, **fields)

    return send


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
    """``django.utils.timezone.now`` stands still (15 June 2025, noon UTC)."""
    fixed = Clock(datetime(2025, 6, 15, 12, 0, tzinfo=UTC))
    with patch("django.utils.timezone.now", new=fixed):
        yield fixed
