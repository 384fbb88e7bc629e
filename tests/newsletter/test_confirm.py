"""
Double opt-in: the link in the confirmation mail, and the button behind it.

The link opens a page; only pressing its button (a POST) subscribes, so mail
scanners that follow links change nothing. The link is signed, carries what
the subscriber row needs, and works for seven days.
"""

import pytest
from django.core import mail
from django.test import Client

from cctvfocus.abuse import issue_token
from cctvfocus.clients import hash_address
from newsletter import consent, sending
from newsletter.models import Delivery, Subscriber
from tests.blog.pages import parse
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import confirm_path, mails_to, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(client, commit):
    """Sign ``email`` up and return the path of the link it was sent."""

    def ask(email="reader@example.com", **kwargs):
        with commit():
            sign_up(client, email, **kwargs)
        return confirm_path(mails_to(email)[-1])

    return ask


def test_the_link_opens_a_page_with_one_button_and_changes_nothing(client, ask):
    path = ask()
    response = client.get(path)
    assert response.status_code == 200
    main = parse(response).find("main")
    assert "reader@example.com" in main.text()
    (form,) = main.find_all("form")
    assert form.attrs["method"] == "post"
    assert [b.text() for b in form.find_all("button")] == ["Yes, subscribe me"]
    assert Subscriber.objects.count() == 0
    # Opened twice (a mail scanner, then the reader): still nothing.
    client.get(path)
    assert Subscriber.objects.count() == 0


def test_the_confirm_page_is_kept_out_of_search_engines(client, ask):
    document = parse(client.get(ask()))
    assert document.find("meta", name="robots").attrs["content"] == "noindex"


def test_pressing_the_button_subscribes_and_records_consent(ask, clock):
    signed_up = clock.now
    path = ask(source="footer", ip="203.0.113.7")
    clock.advance(days=2, hours=3)

    browser = Client(enforce_csrf_checks=True)
    page = parse(browser.get(path))
    token = page.find("input", name="csrfmiddlewaretoken").attrs["value"]
    response = browser.post(path, {"csrfmiddlewaretoken": token}, REMOTE_ADDR="1.2.3.4")

    assert response.status_code == 200
    assert "You are subscribed" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.com"
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.source == Subscriber.Source.FOOTER
    assert subscriber.signed_up_at == signed_up
    assert subscriber.confirmed_at == clock.now
    assert subscriber.unsubscribed_at is None
    assert subscriber.consent_version == consent.VERSION
    # The address that ticked the box, hashed: never the address itself.
    assert subscriber.consent_ip_hash == hash_address("203.0.113.7")
    assert "203.0.113.7" not in subscriber.consent_ip_hash


def test_the_button_needs_the_pages_csrf_token(ask):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(ask())
    assert response.status_code == 403
    assert Subscriber.objects.count() == 0


def test_pressing_it_again_changes_nothing(client, ask, clock):
    path = ask()
    client.post(path)
    first = list(Subscriber.objects.values())
    clock.advance(hours=1)
    response = client.post(path)
    assert response.status_code == 200
    assert "You are subscribed" in response.content.decode()
    assert list(Subscriber.objects.values()) == first


def test_confirming_sends_no_mail(client, ask):
    path = ask()
    mail.outbox.clear()
    client.post(path)
    assert mail.outbox == []


def tampered(path):
    token = path.removeprefix("/newsletter/confirm/").removesuffix("/")
    last = "A" if token[-1] != "A" else "B"
    return f"/newsletter/confirm/{token[:-1]}{last}/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_link_shows_a_friendly_page_offering_a_new_one(client, ask, method):
    response = getattr(client, method)(tampered(ask()))
    assert response.status_code == 404
    main = parse(response).find("main")
    assert "This link does not work" in main.text()
    assert "/newsletter/" in main.links()
    assert Subscriber.objects.count() == 0


def test_a_link_signed_for_something_else_does_not_confirm(client):
    # A form copy's signed token is real, but not a confirmation link.
    response = client.post(f"/newsletter/confirm/{issue_token()}/")
    assert response.status_code == 404
    assert Subscriber.objects.count() == 0


def test_the_link_works_for_seven_days(client, ask, clock):
    path = ask()
    clock.advance(days=7, minutes=-1)
    assert client.post(path).status_code == 200
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_offers_a_new_one(client, ask, clock, method):
    path = ask()
    clock.advance(days=7, minutes=1)
    response = getattr(client, method)(path)
    assert response.status_code == 410
    main = parse(response).find("main")
    assert "This link has expired" in main.text()
    assert "/newsletter/" in main.links()
    assert Subscriber.objects.count() == 0


def test_an_expired_link_can_be_replaced_at_once(client, ask, clock):
    ask()
    clock.advance(days=8)
    fresh = ask()
    assert client.post(fresh).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_an_address_that_left_can_confirm_again(client, ask, clock):
    subscriber = SubscriberFactory(email="reader@example.com", unsubscribed=True)
    path = ask(source="page")
    clock.advance(minutes=5)
    client.post(path)
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.unsubscribed_at is None
    assert subscriber.confirmed_at == clock.now
    assert subscriber.source == Subscriber.Source.PAGE
    assert Subscriber.objects.count() == 1


def test_only_confirmed_addresses_receive_issues(client, ask):
    SubscriberFactory(email="left@example.com", unsubscribed=True)
    ask("waiting@example.com")
    client.post(ask("confirmed@example.com"))
    issue = IssueFactory()
    sending.create_deliveries(issue)
    recipients = Delivery.objects.values_list("subscriber__email", flat=True)
    assert list(recipients) == ["confirmed@example.com"]


def test_the_page_shows_only_the_address_in_the_link(client, ask):
    SubscriberFactory(email="someone.else@example.com")
    path = ask()
    for response in (client.get(path), client.post(path)):
        main = parse(response).find("main").text()
        assert "reader@example.com" in main
        assert "someone.else" not in main
