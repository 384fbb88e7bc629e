"""
Joining and leaving from the profile page, for a signed-in reader.

A verified account address has already proved it is the reader's, so there
is no confirmation round trip; an unverified one gets nothing.
"""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

from cctvfocus.clients import hash_address
from newsletter import consent
from newsletter.models import Subscriber
from tests.accounts.factories import UserFactory
from tests.blog.pages import parse
from tests.helpers import signed_in
from tests.newsletter.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/newsletter/account/"
PROFILE = "/accounts/profile/"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def newsletter_switch(response):
    """The newsletter section of the profile page: its one button's text."""
    section = parse(response).find("section", cls="newsletter-account")
    assert section is not None, "the profile page has no newsletter section"
    form = section.find("form")
    assert form.attrs["action"] == ACCOUNT
    (button,) = form.find_all("button")
    return button.text()


def test_the_profile_page_offers_to_subscribe(reader_client):
    assert newsletter_switch(reader_client.get(PROFILE)) == "Subscribe"


def test_the_profile_page_of_a_subscriber_offers_to_leave(reader, reader_client):
    SubscriberFactory(email=reader.email)
    assert newsletter_switch(reader_client.get(PROFILE)) == "Unsubscribe"


def test_a_verified_reader_subscribes_without_the_round_trip(reader, clock):
    client = signed_in(reader, REMOTE_ADDR="198.51.100.4")
    response = client.post(ACCOUNT, {"action": "subscribe"})
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    assert messages_of(response) == ["You are subscribed to the newsletter."]
    subscriber = Subscriber.objects.get()
    assert subscriber.email == reader.email
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.source == Subscriber.Source.PROFILE
    assert subscriber.confirmed_at == clock.now
    assert subscriber.consent_version == consent.VERSION
    assert subscriber.consent_ip_hash == hash_address("198.51.100.4")
    assert mail.outbox == []


def test_an_account_address_in_capitals_is_stored_normalised(db):
    reader = UserFactory(email="Mixed.Case@Example.com")
    signed_in(reader).post(ACCOUNT, {"action": "subscribe"})
    assert Subscriber.objects.get().email == "mixed.case@example.com"


def test_an_unverified_reader_is_asked_to_verify_first(db):
    reader = UserFactory(email_verified=False)
    response = signed_in(reader).post(ACCOUNT, {"action": "subscribe"})
    assert messages_of(response) == ["Verify your e-mail address first."]
    assert Subscriber.objects.count() == 0


def test_a_subscriber_leaves_from_the_profile(reader, reader_client):
    subscriber = SubscriberFactory(email=reader.email)
    response = reader_client.post(ACCOUNT, {"action": "unsubscribe"})
    assert messages_of(response) == ["You are no longer subscribed."]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_reader_who_left_can_come_back_from_the_profile(reader, reader_client):
    subscriber = SubscriberFactory(email=reader.email, unsubscribed=True)
    reader_client.post(ACCOUNT, {"action": "subscribe"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.unsubscribed_at is None


def test_subscribing_twice_changes_nothing(reader, reader_client, clock):
    reader_client.post(ACCOUNT, {"action": "subscribe"})
    before = list(Subscriber.objects.values())
    clock.advance(hours=2)
    reader_client.post(ACCOUNT, {"action": "subscribe"})
    assert list(Subscriber.objects.values()) == before


def test_leaving_touches_only_the_readers_own_address(reader, reader_client):
    other = SubscriberFactory(email="someone.else@example.com")
    reader_client.post(
        ACCOUNT, {"action": "unsubscribe", "email": "someone.else@example.com"}
    )
    other.refresh_from_db()
    assert other.status == Subscriber.Status.CONFIRMED


def test_the_switch_needs_the_csrf_token(reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    assert client.post(ACCOUNT, {"action": "subscribe"}).status_code == 403
    assert Subscriber.objects.count() == 0


def test_the_switch_needs_a_signed_in_reader(client):
    response = client.post(ACCOUNT, {"action": "subscribe"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert Subscriber.objects.count() == 0


def test_the_switch_only_takes_posts(reader_client):
    assert reader_client.get(ACCOUNT).status_code == 405
