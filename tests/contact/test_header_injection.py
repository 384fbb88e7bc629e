"""
No field of the contact form can add a mail header or a recipient: line breaks
(typed, URL-encoded, Unicode) in a name, an address or a phone are refused or
flattened, and whatever is accepted stays inside the one header it belongs to.
"""

from email import message_from_bytes
from email.utils import getaddresses
from urllib.parse import urlencode

import pytest
from django.core import mail

from contact.models import Enquiry
from tests.contact.conftest import INBOX
from tests.contact.helpers import ENQUIRY_URL, field_errors, form_data

pytestmark = pytest.mark.django_db

ENQUIRER = "harriet@example.com"
VICTIM = "victim@example.com"


def parsed(message):
    """
    The message as the next mail server reads it: raw headers, not decoded
    (RFC 2047 forbids encoded words inside a quoted display name, so a name
    that merely contains one is text, not an instruction).
    """
    return message_from_bytes(message.message().as_bytes())


def assert_headers_untouched(message, *, to):
    """Exactly the expected recipient, no added header, one-line subject."""
    headers = parsed(message)
    assert message.recipients() == [to]
    assert headers["Bcc"] is None
    assert headers["Cc"] is None
    assert VICTIM not in str(headers["To"])
    assert len(headers.get_all("Subject")) == 1
    assert "\n" not in message.subject and "\r" not in message.subject
    return headers


def assert_reply_goes_only_to_the_enquirer(message):
    headers = parsed(message)
    (reply_to,) = headers.get_all("Reply-To")
    assert [address for _name, address in getaddresses([str(reply_to)])] == [ENQUIRER]


# Refused at the form ----------------------------------------------------------

LINE_BREAKS_IN_NAMES = [
    "Eve\r\nBcc: victim@example.com",
    "Eve\nBcc: victim@example.com",
    "Eve\rBcc: victim@example.com",
    "Eve\r\n\r\nA forged body",
    "Eve\tBcc: victim@example.com",
    "Eve\x00Bcc: victim@example.com",
]


@pytest.mark.parametrize(
    "name", LINE_BREAKS_IN_NAMES, ids=["crlf", "lf", "cr", "blank-line", "tab", "nul"]
)
def test_a_name_with_control_characters_is_refused(send, name):
    response = send(name=name, email=ENQUIRER)

    assert response.status_code == 400
    assert field_errors(response, "name")
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_url_encoded_line_breaks_in_a_name_are_refused(client, topic, site):
    """What a script sends when it encodes the line break itself."""
    body = urlencode(form_data(topic=topic, name="Eve", email=ENQUIRER)).replace(
        "name=Eve", "name=Eve%0D%0ABcc%3A+victim%40example.com"
    )

    response = client.post(
        ENQUIRY_URL, body, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 400
    assert field_errors(response, "name") == [
        "Use letters, spaces and punctuation only."
    ]
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize(
    "email",
    [
        "harriet@example.com\r\nBcc: victim@example.com",
        "harriet@example.com\nBcc:victim@example.com",
        "harriet@example.com%0ABcc:victim@example.com",
        "harriet@example.com%0D%0ABcc:victim@example.com",
        "harriet@example.com, victim@example.com",
        "Harriet <harriet@example.com>",
        "harriet@example.com>\r\nBcc: victim@example.com",
    ],
    ids=["crlf", "lf", "encoded-lf", "encoded-crlf", "two", "display-name", "bracket"],
)
def test_an_address_that_is_not_one_plain_address_is_refused(send, email):
    response = send(email=email)

    assert response.status_code == 400
    assert field_errors(response, "email") == ["Enter a valid email address."]
    assert not Enquiry.objects.exists()
    assert mail.outbox == []


def test_line_breaks_in_the_phone_are_refused(send):
    response = send(email=ENQUIRER, phone="0113\r\nBcc: victim@example.com")

    assert response.status_code == 400
    assert field_errors(response, "phone")
    assert not Enquiry.objects.exists()


def test_a_forged_topic_is_refused(send):
    response = send(email=ENQUIRER, topic="1\r\nBcc: victim@example.com")

    assert response.status_code == 400
    assert field_errors(response, "topic")
    assert not Enquiry.objects.exists()


# Accepted, and kept inside its own header -----------------------------------------


@pytest.mark.parametrize(
    "separator",
    ["\u2028", "\u2029", "\u0085", "\x1c", "\u000b"],
    ids=["line-separator", "paragraph-separator", "next-line", "file-sep", "vt"],
)
def test_unicode_line_breaks_in_a_name_never_reach_a_header(send, separator):
    response = send(name=f"Eve{separator}Bcc: victim@example.com", email=ENQUIRER)

    enquiry = Enquiry.objects.first()
    if response.status_code == 400:  # refused outright: as good
        assert enquiry is None
        assert mail.outbox == []
        return
    assert enquiry.name == "Eve Bcc: victim@example.com"  # one line
    staff, acknowledgement = mail.outbox
    assert_headers_untouched(staff, to=INBOX)
    assert_reply_goes_only_to_the_enquirer(staff)
    assert_headers_untouched(acknowledgement, to=ENQUIRER)


@pytest.mark.parametrize(
    "name",
    [
        "Eve%0D%0ABcc: victim@example.com",
        "Eve\\r\\nBcc: victim@example.com",
        '"Mallory" <victim@example.com>, Eve',
        "Eve <victim@example.com>",
        "Eve =?utf-8?q?=0D=0ABcc:_victim@example.com?=",
        "Ève Ødegård-Łukasz, Ltd.",
    ],
    ids=[
        "percent-encoded",
        "backslash-escapes",
        "quoted-address",
        "angle",
        "rfc2047",
        "non-ascii",
    ],
)
def test_a_name_that_looks_like_headers_stays_the_enquirers_name(send, name):
    response = send(name=name, email=ENQUIRER)

    assert response.status_code == 302
    assert Enquiry.objects.get().name == name
    staff, acknowledgement = mail.outbox
    assert_headers_untouched(staff, to=INBOX)
    assert_reply_goes_only_to_the_enquirer(staff)
    assert_headers_untouched(acknowledgement, to=ENQUIRER)


def test_the_reply_to_header_names_the_enquirer_as_typed(send):
    send(name='Harriet "H" Lowe, Ltd.', email=ENQUIRER)

    (staff, _acknowledgement) = mail.outbox
    (reply_to,) = parsed(staff).get_all("Reply-To")
    assert getaddresses([reply_to]) == [('Harriet "H" Lowe, Ltd.', ENQUIRER)]


def test_header_lines_in_the_message_stay_in_the_body(send):
    message = (
        "Hello\r\nBcc: victim@example.com\r\nSubject: You won\r\n\r\n"
        "Content-Type: text/html\r\n<b>hi</b>"
    )

    assert send(email=ENQUIRER, message=message).status_code == 302

    staff, acknowledgement = mail.outbox
    for sent, to in ((staff, INBOX), (acknowledgement, ENQUIRER)):
        headers = assert_headers_untouched(sent, to=to)
        assert "You won" not in str(headers["Subject"])
        assert "Bcc: victim@example.com" in sent.body
