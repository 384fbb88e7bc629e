"""
Joining: the form in every footer and at /newsletter/, and what it answers.

Nothing is stored when someone signs up: the confirmation link carries what
the subscriber row will need. The page says the same whatever the address's
state (new, waiting for confirmation, subscribed, left); only the inbox
learns which, from the mail it gets.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from newsletter import consent
from newsletter.models import Subscriber
from tests.blog.factories import PostFactory
from tests.blog.pages import parse
from tests.newsletter.factories import SubscriberFactory
from tests.newsletter.helpers import confirm_path, mails_to, sign_up

pytestmark = pytest.mark.django_db

CONFIRM_SUBJECT = "Confirm your subscription to the CCTV Focus newsletter"
ALREADY_SUBJECT = "You already receive the CCTV Focus newsletter"
CHECK_INBOX = "/newsletter/check-your-inbox/"


def stored_subscribers():
    return list(Subscriber.objects.order_by("pk").values())


def comparable(response):
    """A page without what differs on every render (a fresh form copy)."""
    html = response.content.decode()
    return re.sub(r'name="issued" value="[^"]*"', 'name="issued"', html)


def signup_form(document, source):
    form = document.find("form", cls=f"newsletter-form--{source}")
    assert form is not None, f"no {source} sign-up form on the page"
    return form


# The form, on every page --------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/blog/", "post", "/search/?q=cameras", "/contact/", "/newsletter/archive/"],
)
def test_every_page_has_the_sign_up_form_in_its_footer(client, path):
    if path == "post":
        path = PostFactory().get_absolute_url()
    response = client.get(path)
    assert response.status_code == 200
    form = signup_form(parse(response).find("footer", cls="site-footer"), "footer")
    assert form.attrs["action"] == "/newsletter/"
    assert form.attrs["method"] == "post"
    assert form.find("input", name="email").attrs["type"] == "email"
    assert form.find("input", name="consent").attrs["type"] == "checkbox"
    assert form.find("input", name="source").attrs["value"] == "footer"
    # A plain form: it works without JavaScript.
    assert form.find("button", type="submit") is not None


def test_the_form_shows_the_consent_wording_next_to_the_box(client):
    form = signup_form(parse(client.get("/")), "footer")
    box = form.find("input", name="consent")
    label = form.find("label", for_=box.attrs["id"])
    assert label.text() == str(consent.WORDING)


def test_the_footer_form_carries_no_csrf_token_so_pages_stay_cacheable(client):
    form = signup_form(parse(client.get("/")), "footer")
    assert form.find("input", name="csrfmiddlewaretoken") is None


def test_the_missing_page_has_the_form_too(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    signup_form(parse(response), "footer")


def test_the_newsletter_page_has_one_form_of_its_own(client):
    document = parse(client.get("/newsletter/"))
    signup_form(document, "page")
    assert len(document.find_all("form", cls="newsletter-form")) == 1
    assert document.find("input", name="source").attrs["value"] == "page"
    assert str(consent.WORDING) in document.text()


def test_a_signed_in_reader_sees_the_form_too(reader_client):
    signup_form(parse(reader_client.get("/")), "footer")


# Signing up ---------------------------------------------------------------------------


def test_signing_up_sends_a_confirmation_link_and_stores_nothing(client, commit):
    with commit():
        response = sign_up(client, "reader@example.com")
    assert response.status_code == 302
    assert response["Location"] == CHECK_INBOX
    assert "Check your inbox" in client.get(CHECK_INBOX).content.decode()
    assert Subscriber.objects.count() == 0
    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    assert message.subject == CONFIRM_SUBJECT
    assert confirm_path(message).startswith("/newsletter/confirm/")
    assert "seven days" in message.body


def test_a_plain_post_without_csrf_token_works_from_a_cached_page(commit):
    client = Client(enforce_csrf_checks=True)
    with commit():
        response = sign_up(client, "reader@example.com")
    assert response.status_code == 302
    assert len(mails_to("reader@example.com")) == 1


def test_addresses_are_normalised_before_anything_else(client, commit):
    with commit():
        sign_up(client, "  Reader@Example.COM ")
    (message,) = mail.outbox
    assert message.to == ["reader@example.com"]
    client.post(confirm_path(message))
    assert Subscriber.objects.get().email == "reader@example.com"


def test_a_confirmed_address_in_other_case_is_recognised(client, commit):
    SubscriberFactory(email="reader@example.com")
    with commit():
        sign_up(client, "READER@example.com ")
    (message,) = mail.outbox
    assert message.subject == ALREADY_SUBJECT
    assert Subscriber.objects.count() == 1


def test_the_answer_is_the_same_whatever_the_address_is(client, commit):
    SubscriberFactory(email="subscribed@example.com")
    SubscriberFactory(email="left@example.com", unsubscribed=True)
    with commit():
        sign_up(client, "waiting@example.com")
    mail.outbox.clear()

    answers = []
    for address in (
        "new@example.com",
        "waiting@example.com",
        "subscribed@example.com",
        "left@example.com",
    ):
        before = stored_subscribers()
        with commit():
            response = sign_up(client, address)
        # Nothing stored differs, whatever the address.
        assert stored_subscribers() == before
        page = client.get(response["Location"])
        answers.append(
            (
                response.status_code,
                response["Location"],
                sorted(response.cookies),
                page.status_code,
                comparable(page),
            )
        )
    assert all(answer == answers[0] for answer in answers)

    # Only the inbox knows: a link for anyone who is not subscribed...
    for address in ("new@example.com", "waiting@example.com", "left@example.com"):
        (message,) = mails_to(address)
        assert message.subject == CONFIRM_SUBJECT
    # ... and a note, with no link to confirm, for who already is.
    (message,) = mails_to("subscribed@example.com")
    assert message.subject == ALREADY_SUBJECT
    assert "/newsletter/confirm/" not in message.body


def test_asking_again_sends_a_fresh_link_and_both_work(client, commit, clock):
    with commit():
        sign_up(client, "reader@example.com")
    clock.advance(minutes=10)
    with commit():
        sign_up(client, "reader@example.com")
    first, second = (confirm_path(message) for message in mail.outbox)
    assert first != second
    assert client.post(second).status_code == 200
    assert client.post(first).status_code == 200
    assert Subscriber.objects.get().email == "reader@example.com"


def test_one_address_gets_at_most_a_few_links_an_hour(client, commit, settings):
    settings.NEWSLETTER_ADDRESS_RATE = "3/h"
    answers = set()
    for n, spelling in enumerate(
        ["a@example.com", "A@example.com", " a@EXAMPLE.com", "a@example.com"]
    ):
        # From different machines: it is the address that is limited here.
        with commit():
            response = sign_up(client, spelling, ip=f"10.0.0.{n + 1}")
        answers.add((response.status_code, response["Location"]))
    # The fourth time the answer is the same; only the mail stays away.
    assert answers == {(302, CHECK_INBOX)}
    assert len(mails_to("a@example.com")) == 3
    # Other addresses are not held back.
    with commit():
        sign_up(client, "b@example.com", ip="10.0.0.9")
    assert len(mails_to("b@example.com")) == 1


def test_one_machine_is_stopped_after_too_many_sign_ups(client, commit, settings):
    settings.NEWSLETTER_SIGNUP_RATE = "5/h"
    for n in range(5):
        with commit():
            assert (
                sign_up(client, f"r{n}@example.com", ip="10.1.1.1").status_code == 302
            )
    with commit():
        response = sign_up(client, "r5@example.com", ip="10.1.1.1")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert mails_to("r5@example.com") == []
    # Someone else is not.
    with commit():
        assert sign_up(client, "r5@example.com", ip="10.2.2.2").status_code == 302
    assert len(mails_to("r5@example.com")) == 1


def test_the_source_of_the_sign_up_is_kept_until_confirmation(client, commit):
    with commit():
        sign_up(client, "footer@example.com", source="footer")
        sign_up(client, "page@example.com", source="page")
    for address in ("footer@example.com", "page@example.com"):
        client.post(confirm_path(mails_to(address)[0]))
    sources = dict(Subscriber.objects.values_list("email", "source"))
    assert sources == {"footer@example.com": "footer", "page@example.com": "page"}


def test_getting_the_page_sends_nothing(client, commit):
    with commit():
        assert client.get("/newsletter/").status_code == 200
    assert mail.outbox == []


# Bad input ----------------------------------------------------------------------------


def errors_next_to(document, name):
    field = document.find("input", name=name)
    errors = document.find("ul", id=f"{field.attrs['id']}_error")
    return errors.text() if errors else ""


def test_an_invalid_address_is_shown_again_with_an_error(client, commit):
    with commit():
        response = sign_up(client, "reader-at-example.com", source="page")
    assert response.status_code == 400
    document = parse(response)
    field = document.find("input", name="email")
    assert field.attrs["value"] == "reader-at-example.com"
    assert field.attrs.get("aria-invalid") == "true"
    assert "Enter a valid email address." in errors_next_to(document, "email")
    assert mail.outbox == []
    assert Subscriber.objects.count() == 0


def test_the_consent_box_must_be_ticked(client, commit):
    with commit():
        response = sign_up(client, "reader@example.com", consent=False)
    assert response.status_code == 400
    document = parse(response)
    assert document.find("input", name="email").attrs["value"] == "reader@example.com"
    assert "Tick the box to say you want the newsletter." in errors_next_to(
        document, "consent"
    )
    assert mail.outbox == []


def test_an_unknown_source_is_refused(client, commit):
    with commit():
        response = sign_up(client, "reader@example.com", source="import")
    assert response.status_code == 400
    assert mail.outbox == []


def test_a_filled_honeypot_is_refused_with_nothing_sent(client, commit):
    with commit():
        response = sign_up(client, "bot@example.com", homepage="http://spam.example")
    assert response.status_code == 400
    assert "send it again" in response.content.decode()
    assert mail.outbox == []


def test_a_form_sent_back_too_fast_is_refused_and_can_be_sent_again(
    client, commit, settings
):
    settings.ABUSE_FORM_MIN_SECONDS = 3
    with commit():
        response = sign_up(client, "quick@example.com", source="page")
    assert response.status_code == 400
    assert "quicker than we expected" in response.content.decode()
    document = parse(response)
    assert document.find("input", name="email").attrs["value"] == "quick@example.com"
    assert document.find("input", name="issued").attrs["value"]
    assert mail.outbox == []


def test_a_cross_site_post_is_refused(client, commit):
    with commit():
        response = sign_up(
            client,
            "victim@example.com",
            headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
        )
    assert response.status_code == 403
    assert mail.outbox == []


def test_a_cross_site_post_named_by_its_origin_alone_is_refused(client, commit):
    with commit():
        response = sign_up(
            client, "victim@example.com", headers={"Origin": "https://evil.example"}
        )
    assert response.status_code == 403
    assert mail.outbox == []


def test_other_methods_are_not_allowed(client):
    assert client.put(reverse("newsletter:signup")).status_code == 405
