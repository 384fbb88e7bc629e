"""Steps the newsletter's tests take the way a reader's browser or mail app would."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.urls import reverse

from cctvfocus.abuse import issue_token

# What a browser says about a form sent from one of the site's own pages.
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"}
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


def signup_data(email, *, source="footer", consent=True, **fields):
    """What the sign-up form sends: a fresh form copy and what was typed."""
    data = {
        "email": email,
        "source": source,
        "issued": issue_token(),
        "homepage": "",
        **fields,
    }
    if consent:
        data["consent"] = "on"
    return data


def sign_up(client, email, *, ip="127.0.0.1", headers=None, **fields):
    """Send the sign-up form from one of the site's pages."""
    return client.post(
        reverse("newsletter:signup"),
        signup_data(email, **fields),
        headers=SAME_ORIGIN if headers is None else headers,
        REMOTE_ADDR=ip,
    )


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def confirm_path(message):
    """The path of the confirmation link in ``message``'s plain text."""
    match = re.search(r"https://testserver(/newsletter/confirm/[^/\s]+/)", message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(1)


def unsubscribe_path(message):
    """The path of the one-click link in a mailed issue's List-Unsubscribe."""
    header = message.extra_headers["List-Unsubscribe"]
    return urlsplit(header.strip("<>")).path


def html_of(message):
    html = [body for body, kind in message.alternatives if kind == "text/html"]
    assert len(html) == 1, "the message has no single HTML part"
    return html[0]


def send_issue(issue):
    """Send ``issue`` to every confirmed subscriber, as one worker would."""
    from newsletter import sending

    sending.start_issue(issue)
    sending.send_pending(issue.pk)
    issue.refresh_from_db()
    return [message for message in mail.outbox if message.subject == issue.subject]
