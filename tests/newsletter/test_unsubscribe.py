"""
Leaving: the personal link in every issue, and RFC 8058 one-click.

Mail apps POST ``List-Unsubscribe=One-Click`` to the link with no session and
no CSRF token; people who open it get a page with one button. Whoever left
gets no further issue unless they confirm again.
"""

import pytest
from django.core import mail
from django.test import Client

from newsletter.models import Subscriber
from tests.blog.pages import parse
from tests.newsletter.factories import IssueFactory, SubscriberFactory
from tests.newsletter.helpers import (
    ONE_CLICK,
    confirm_path,
    send_issue,
    sign_up,
    unsubscribe_path,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscriber():
    return SubscriberFactory(email="reader@example.com")


@pytest.fixture
def link(subscriber):
    """The unsubscribe link as mailed to ``subscriber`` in an issue."""
    (message,) = send_issue(IssueFactory())
    return unsubscribe_path(message)


def test_one_click_post_from_a_mail_app_unsubscribes(subscriber, link, clock):
    mail_app = Client(enforce_csrf_checks=True)
    response = mail_app.post(link, ONE_CLICK)
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at == clock.now


def test_one_click_needs_no_body_either(subscriber, link):
    # Some mail apps send the POST with nothing in it.
    assert Client(enforce_csrf_checks=True).post(link).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_opening_the_link_shows_one_button_and_changes_nothing(
    client, subscriber, link
):
    response = client.get(link)
    assert response.status_code == 200
    main = parse(response).find("main")
    assert "reader@example.com" in main.text()
    (form,) = main.find_all("form")
    assert form.attrs["method"] == "post"
    assert len(main.find_all("button")) == 1
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_pressing_the_button_in_a_browser_unsubscribes(subscriber, link):
    browser = Client(enforce_csrf_checks=True)
    browser.get(link)
    response = browser.post(link)
    assert response.status_code == 200
    assert "You have left the newsletter" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribing_twice_keeps_the_first_time(client, subscriber, link, clock):
    client.post(link, ONE_CLICK)
    left = clock.now
    clock.advance(days=1)
    assert client.post(link, ONE_CLICK).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at == left


def test_the_link_after_leaving_says_so_and_offers_to_come_back(
    client, subscriber, link
):
    client.post(link, ONE_CLICK)
    main = parse(client.get(link)).find("main")
    assert "You are not subscribed" in main.text()
    assert main.find_all("button") == []
    assert "/newsletter/" in main.links()


def test_each_subscriber_has_a_link_of_their_own(client):
    SubscriberFactory(email="one@example.com")
    SubscriberFactory(email="two@example.com")
    messages = send_issue(IssueFactory())
    links = {message.to[0]: unsubscribe_path(message) for message in messages}
    assert links["one@example.com"] != links["two@example.com"]
    client.post(links["one@example.com"], ONE_CLICK)
    statuses = dict(Subscriber.objects.values_list("email", "status"))
    assert statuses == {
        "one@example.com": "unsubscribed",
        "two@example.com": "confirmed",
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_link_shows_a_friendly_page_and_touches_nobody(
    client, subscriber, link, method
):
    wrong = link.rstrip("/")[:-2] + "xx/"
    response = getattr(client, method)(wrong, ONE_CLICK if method == "post" else None)
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert "reader@example.com" not in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_whoever_left_gets_no_further_issue(client, subscriber, link):
    SubscriberFactory(email="stays@example.com")
    client.post(link, ONE_CLICK)
    mail.outbox.clear()
    messages = send_issue(IssueFactory())
    assert [message.to for message in messages] == [["stays@example.com"]]


def test_whoever_confirms_again_gets_issues_again(client, commit, subscriber, link):
    client.post(link, ONE_CLICK)
    with commit():
        sign_up(client, "reader@example.com")
    client.post(confirm_path(mail.outbox[-1]))
    mail.outbox.clear()
    (message,) = send_issue(IssueFactory())
    assert message.to == ["reader@example.com"]
    # The old link still works: it is the same subscriber.
    assert unsubscribe_path(message) == link
