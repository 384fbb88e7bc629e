"""Small steps several test modules take the same way a person would."""

import re

from django.core import mail
from django.urls import reverse

# Tests hash passwords quickly; real hashing has nothing to show here.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(client, email, password, **extra):
    """Sign in through allauth's form."""
    return client.post(
        reverse("account_login"), {"login": email, "password": password}, **extra
    )


def link_in_mail(pattern):
    """The path of the first link matching ``pattern`` in the latest mail."""
    assert mail.outbox, "no mail was sent"
    body = mail.outbox[-1].body
    match = re.search(rf"https?://[^/\s]+({pattern})", body)
    assert match, f"no link like {pattern!r} in:\n{body}"
    return match.group(1)
