"""
Over a real SMTP connection, copies go out as prepared bytes
(newsletter.mime). Here a local SMTP server receives them and the standard
library's parser reads them back, so the fast path is held to the same
result as Django's own messages.
"""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from newsletter import sending
from newsletter.models import Delivery, Issue
from newsletter.rendering import render_issue
from tests.newsletter.factories import IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.envelopes.append(envelope)
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def parsed(envelope):
    return email.message_from_bytes(envelope.content, policy=email.policy.default)


def test_copies_over_smtp_are_standard_mime_with_the_one_click_headers(
    smtp_server, settings
):
    settings.NEWSLETTER_FROM_EMAIL = "Lens & Lock News <news@example.com>"
    subscribers = SubscriberFactory.create_batch(3)
    issue = IssueFactory(
        subject="Caméras, doorbells & the law — November",
        intro="<p>Hello <strong>readers</strong>: see the blog.</p>",
        status=Issue.Status.SENDING,
    )
    sending.create_deliveries(issue)

    sending.send_pending(issue.pk)

    assert sorted(env.rcpt_tos[0] for env in smtp_server.envelopes) == sorted(
        s.email for s in subscribers
    )
    expected_html, expected_text = None, None
    rendered = render_issue(issue)
    for envelope in smtp_server.envelopes:
        message = parsed(envelope)
        subscriber = next(s for s in subscribers if s.email == envelope.rcpt_tos[0])
        delivery = Delivery.objects.get(issue=issue, subscriber=subscriber)
        url = f"https://testserver/newsletter/unsubscribe/{subscriber.secret}/"
        assert envelope.mail_from == "news@example.com"
        assert message["To"] == subscriber.email
        (sender,) = message["From"].addresses
        assert (sender.display_name, sender.addr_spec) == (
            "Lens & Lock News",
            "news@example.com",
        )
        assert message["Subject"] == "Caméras, doorbells & the law — November"
        assert message["Message-ID"] == delivery.message_id
        assert message["List-Unsubscribe"] == f"<{url}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.get_content_type() == "multipart/alternative"
        # Line breaks travel as CRLF, as SMTP wants them.
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        text, html = text.replace("\r\n", "\n"), html.replace("\r\n", "\n")
        expected_html, expected_text = rendered.for_subscriber(url)
        assert html.strip() == expected_html.strip()
        assert text.strip() == expected_text.strip()
        assert delivery.state == Delivery.State.SENT
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT


def test_a_long_line_survives_the_trip_intact(smtp_server):
    subscriber = SubscriberFactory()
    long_words = " ".join(["surveillance"] * 200)
    issue = IssueFactory(intro=f"<p>{long_words}</p>", status=Issue.Status.SENDING)
    sending.create_deliveries(issue)

    sending.send_pending(issue.pk)

    (envelope,) = smtp_server.envelopes
    assert envelope.rcpt_tos == [subscriber.email]
    raw_lines = envelope.content.split(b"\r\n")
    assert max(len(line) for line in raw_lines) <= 998
    html = parsed(envelope).get_body(preferencelist=("html",)).get_content()
    assert long_words in html
