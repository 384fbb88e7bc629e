"""
Fixtures for the contact tests: the form, the inbox, mail, the clock's date.
People, clients and the clock itself are shared (``tests/conftest.py``).
"""

from datetime import UTC, datetime

import pytest

from tests.contact.factories import SiteDetailsFactory, TopicFactory
from tests.contact.helpers import send_enquiry

INBOX = "inbox@cctvfocus.example"


@pytest.fixture(autouse=True)
def _quick_forms(quick_forms):
    """Every contact test fills the form quickly (see ``quick_forms``)."""


@pytest.fixture(autouse=True)
def _inbox(settings):
    settings.CONTACT_INBOX = [INBOX]
    settings.MANAGERS = []


@pytest.fixture
def clock_start():
    """The contact tests' ``clock`` stands at 15 June 2025, noon UTC."""
    return datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def company(site):
    return SiteDetailsFactory(site=site)


@pytest.fixture
def topic(db):
    return TopicFactory(name="A quote")


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
