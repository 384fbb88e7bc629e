"""
The contact form at /contact/: what it asks, what it keeps, the thank-you page
(post/redirect/get), the signed-in reader's shortcut, bad input answered in
the page, and the anti-abuse measures every public form shares.
"""

import time
from unittest.mock import patch

import pytest
from django.core import mail

from cctvfocus.clients import hash_address
from contact.models import Enquiry
from tests.blog.pages import parse
from tests.contact.factories import TopicFactory
from tests.contact.helpers import (
    ENQUIRY_URL,
    MESSAGE,
    THANKS_URL,
    field_errors,
    form_data,
    form_errors,
    send_enquiry,
)

pytestmark = pytest.mark.django_db


# The page ---------------------------------------------------------------------


def test_form_asks_for_everything_the_enquiry_needs(client, topic, site):
    response = client.get(ENQUIRY_URL)

    assert response.status_code == 200
    form = parse(response).find("form", cls="contact-form")
    assert form.attrs["method"] == "post"
    assert form.find("input", name="name") is not None
    assert form.find("input", name="email").attrs["type"] == "email"
    phone = form.find("input", name="phone")
    assert phone.attrs["inputmode"] == "tel"
    assert "required" not in phone.attrs
    assert form.find("select", name="topic") is not None
    assert form.find("textarea", name="message").attrs["maxlength"] == "5000"
    radios = form.find_all("input", type="radio", name="contact_by")
    assert [radio.attrs["value"] for radio in radios] == ["email", "phone"]
    assert form.find("input", type="checkbox", name="consent") is not None
    # Works without JavaScript: a plain form with a real submit button.
    assert form.find("button", type="submit").text() == "Send your enquiry"


def test_form_offers_the_topics_staff_keep_in_their_order(client, site):
    TopicFactory(name="Doors and gates", order=1)
    TopicFactory(name="Retired topic", active=False)

    response = client.get(ENQUIRY_URL)

    select = parse(response).find("select", name="topic")
    names = [option.text() for option in select.find_all("option")]
    assert names[0] == "Choose a topic"
    assert names[1] == "A new installation"  # the migration's first, order 0
    assert "Doors and gates" in names
    assert "Retired topic" not in names


def test_company_details_sit_beside_the_form(client, company):
    response = client.get(ENQUIRY_URL)

    aside = parse(response).find("aside", cls="contact__details")
    assert aside.find("a", href="tel:+442079460321").text() == "+44 20 7946 0321"
    assert aside.find("a", href="mailto:hello@cctvfocus.example") is not None
    assert "Unit 4, Foundry Yard Leeds LS1 4AB" in aside.find("address").text()
    assert "Monday to Friday, 8:30 to 17:30" in aside.text()


def test_signed_in_reader_finds_name_and_email_filled_in(client, reader, site):
    client.force_login(reader)

    form = parse(client.get(ENQUIRY_URL)).find("form", cls="contact-form")

    assert form.find("input", name="name").attrs["value"] == reader.name
    assert form.find("input", name="email").attrs["value"] == reader.email


def test_anonymous_reader_finds_the_form_empty(client, site):
    form = parse(client.get(ENQUIRY_URL)).find("form", cls="contact-form")

    assert "value" not in form.find("input", name="name").attrs
    assert "value" not in form.find("input", name="email").attrs


# Sending ----------------------------------------------------------------------


def test_sent_enquiry_is_stored_and_ends_on_the_thank_you_page(client, topic, send):
    response = send(
        name="Harriet Lowe",
        email="harriet@example.com",
        phone="+44 (0)113 496-0123",
        contact_by="phone",
    )

    assert response.status_code == 302
    assert response.url == THANKS_URL
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Harriet Lowe"
    assert enquiry.email == "harriet@example.com"
    assert enquiry.phone == "+44 (0)113 496-0123"
    assert enquiry.topic == topic
    assert enquiry.message == MESSAGE
    assert enquiry.contact_by == Enquiry.ContactBy.PHONE
    assert enquiry.consent_at is not None
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.user is None
    assert [str(event) for event in enquiry.events.all()] == ["Received"]


def test_thank_you_page_says_what_happens_next(client, company):
    response = client.get(THANKS_URL)

    assert response.status_code == 200
    page = parse(response)
    assert "your enquiry has arrived" in page.find("h1").text()
    assert "What happens next" in page.text()
    assert "You will get an e-mail confirming we have it" in page.text()
    assert page.find("a", href="tel:+442079460321") is not None


def test_reloading_the_thank_you_page_sends_nothing_again(client, send):
    response = send()
    client.get(response.url)
    client.get(response.url)

    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 2  # staff and the enquirer, once each


def test_the_same_form_sent_twice_stores_one_enquiry(client, topic, send):
    data = form_data(topic=topic)  # one form copy: a double click, a resent POST
    first = send(**data)
    second = send(**data)

    assert first.url == second.url == THANKS_URL
    assert Enquiry.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_second_enquiry_from_a_fresh_form_is_stored(client, send):
    send()
    send(message="And one more thing: the car park lights.")

    assert Enquiry.objects.count() == 2


def test_signed_in_readers_enquiry_is_linked_to_their_account(client, reader, send):
    client.force_login(reader)

    send(name=reader.name, email=reader.email)

    assert Enquiry.objects.get().user == reader


def test_the_senders_address_is_kept_only_as_a_hash(client, send):
    send(ip="203.0.113.7")

    enquiry = Enquiry.objects.get()
    assert enquiry.ip_hash == hash_address("203.0.113.7")
    stored = [str(value) for value in Enquiry.objects.values().get().values()]
    assert not any("203.0.113.7" in value for value in stored)


def test_the_phone_may_be_left_out_when_mail_is_preferred(client, send):
    assert send(phone="", contact_by="email").status_code == 302
    assert Enquiry.objects.get().phone == ""


def test_a_message_of_exactly_5000_characters_is_accepted(client, send):
    assert send(message="a" * 5000).status_code == 302
    assert len(Enquiry.objects.get().message) == 5000


def test_only_get_and_post_are_answered(client, site):
    assert client.put(ENQUIRY_URL).status_code == 405


# Bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "message",
            "a" * 5001,
            "Ensure this value has at most 5000 characters (it has 5001).",
        ),
        ("email", "harriet@", "Enter a valid email address."),
        ("email", "harriet", "Enter a valid email address."),
        (
            "phone",
            "call me maybe",
            "Enter a phone number: digits, spaces, + and brackets.",
        ),
        ("phone", "12345", "Enter a phone number: digits, spaces, + and brackets."),
        ("message", "   ", "This field is required."),
        ("name", "", "This field is required."),
    ],
    ids=[
        "message-5001",
        "email-no-domain",
        "email-no-at",
        "phone-letters",
        "phone-too-short",
        "message-blank",
        "name-missing",
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_stored(
    client, send, field, value, message
):
    response = send(**{field: value})

    assert response.status_code == 400
    assert field_errors(response, field) == [message]
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_bad_input_keeps_what_was_typed(client, topic, send):
    response = send(email="harriet@", phone="0113 496 0123", contact_by="phone")

    form = parse(response).find("form", cls="contact-form")
    assert form.find("input", name="name").attrs["value"] == "Harriet Lowe"
    assert form.find("input", name="email").attrs["value"] == "harriet@"
    assert form.find("input", name="phone").attrs["value"] == "0113 496 0123"
    assert form.find("textarea", name="message").raw_text().strip() == MESSAGE
    options = form.find("select", name="topic").find_all("option")
    chosen = [option.attrs["value"] for option in options if "selected" in option.attrs]
    assert chosen == [str(topic.pk)]
    radios = form.find_all("input", name="contact_by")
    checked = [radio.attrs["value"] for radio in radios if "checked" in radio.attrs]
    assert checked == ["phone"]
    assert "checked" in form.find("input", name="consent").attrs


def test_asking_for_a_call_without_a_number_asks_for_one(client, send):
    response = send(phone="", contact_by="phone")

    assert response.status_code == 400
    assert field_errors(response, "phone") == ["Add a number so we can call you."]
    assert not Enquiry.objects.exists()


def test_letters_as_the_number_to_call_get_one_clear_message(client, send):
    """
    BUG: ``EnquiryForm.clean`` adds "Add a number so we can call you." even
    when a number was given but refused, so the reader reads two messages,
    the second one wrong.
    """
    response = send(phone="call me maybe", contact_by="phone")

    assert response.status_code == 400
    assert field_errors(response, "phone") == [
        "Enter a phone number: digits, spaces, + and brackets."
    ]
    assert not Enquiry.objects.exists()


def test_consent_is_needed_to_store_the_enquiry(client, send):
    response = send(consent=None)

    assert response.status_code == 400
    assert field_errors(response, "consent") == [
        "We need your agreement to store the enquiry."
    ]
    assert not Enquiry.objects.exists()


def test_a_retired_topic_cannot_be_chosen(client, send):
    retired = TopicFactory(name="Retired topic", active=False)

    response = send(topic=retired.pk)

    assert response.status_code == 400
    assert field_errors(response, "topic") == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Enquiry.objects.exists()


# Anti-abuse -------------------------------------------------------------------


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client, send):
    response = send(homepage="https://spam.example")

    assert response.status_code == 400
    assert form_errors(response) == [
        "That was quicker than we expected. Please check the form and send it again."
    ]
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_a_form_sent_back_too_quickly_is_refused_then_accepted(
    client, topic, send, settings, clock
):
    settings.ABUSE_FORM_MIN_SECONDS = 3
    data = form_data(topic=topic)

    response = send(**data)

    assert response.status_code == 400
    assert "That was quicker than we expected." in form_errors(response)[0]
    assert not Enquiry.objects.exists()
    # The page hands out a fresh form copy; a person who sends it a little
    # later gets through.
    fresh = parse(response).find("input", name="issued").attrs["value"]
    assert fresh != data["issued"]
    clock.advance(seconds=5)
    assert send(**{**data, "issued": fresh}).status_code == 302
    assert Enquiry.objects.count() == 1


def test_a_form_open_too_long_is_asked_for_again(client, topic, send, settings):
    settings.ABUSE_FORM_MAX_AGE = 60 * 60
    # The form copy's signature carries the time it was handed out.
    with patch("time.time", return_value=time.time() - 2 * 60 * 60):
        data = form_data(topic=topic)

    response = send(**data)

    assert response.status_code == 400
    assert form_errors(response) == [
        "This form was open too long. Please check it and send it again."
    ]
    assert not Enquiry.objects.exists()


def test_a_forged_form_copy_is_refused(client, send):
    response = send(issued="forged")

    assert response.status_code == 400
    assert not Enquiry.objects.exists()


def test_one_address_sending_too_often_is_told_to_wait(client, send, settings):
    settings.CONTACT_RATE = "2/h"
    send(message="First.")
    send(message="Second.")

    response = send(message="Third.")

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert Enquiry.objects.count() == 2
    # Someone else is not held up by it.
    assert send(message="Another reader.", ip="198.51.100.4").status_code == 302


def test_sending_needs_no_more_than_the_form_page_gave(client, topic, site):
    """A real round trip: the token comes from the page, not from the test."""
    issued = parse(client.get(ENQUIRY_URL)).find("input", name="issued")

    response = send_enquiry(client, topic=topic, issued=issued.attrs["value"])

    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
