"""Small steps several test modules take the same way a person would."""

import re
from datetime import timedelta

from django.core import mail
from django.core.cache import caches
from django.test import Client
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


def signed_in(user, **kwargs):
    """A fresh client (``Client(**kwargs)``) signed in as ``user``, or anonymous."""
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


class Clock:
    """A fixed time that tests move forward by hand."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


def clear_caches():
    """Empty every cache, the fragments each process keeps included."""
    for backend in caches.all():
        backend.clear()
