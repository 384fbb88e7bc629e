"""
Anti-abuse shared by every public form: comments, the newsletter, contact.

- A honeypot field people never see or fill.
- A time trap: the form carries a signed issue time; sent back faster than a
  person could fill it, it is refused (or, for comments, held as spam).
- One submission per form: the signed value carries a key, so a double click
  or a resent POST is recognised and not stored twice.
- Per-address rate limits through the cache (django-ratelimit), answered with
  the 429 page.
- A same-origin check for forms that work without a CSRF token because they
  sit on cached pages (see docs/decisions/0004-public-forms-on-cached-pages.md).
"""

import hashlib
import uuid
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

from cctvfocus.clients import client_ip

SALT = "cctvfocus.abuse.form"
HONEYPOT_FIELD = "homepage"
ISSUED_FIELD = "issued"


class Abuse:
    HONEYPOT = "honeypot"
    TOO_FAST = "too-fast"
    EXPIRED = "expired"
    TAMPERED = "tampered"


def issue_token() -> str:
    return signing.dumps(
        {"t": timezone.now().timestamp(), "k": uuid.uuid4().hex}, salt=SALT
    )


class AntiAbuseFormMixin(forms.Form):
    """
    Add to a public form. After ``is_valid()``, ``abuse`` lists what failed
    (empty for a person). Each form decides what a failure means for it.
    """

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "tabindex": "-1", "class": "hp-field"}
        ),
    )
    issued = forms.CharField(widget=forms.HiddenInput, max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields[ISSUED_FIELD].initial = issue_token()
        self.abuse: list[str] = []
        self._form_key = ""

    def clean(self):
        cleaned = super().clean()
        self.abuse = []
        if cleaned.get(HONEYPOT_FIELD):
            self.abuse.append(Abuse.HONEYPOT)
        try:
            payload = signing.loads(
                cleaned.get(ISSUED_FIELD) or "",
                salt=SALT,
                max_age=settings.ABUSE_FORM_MAX_AGE,
            )
        except signing.SignatureExpired:
            self.abuse.append(Abuse.EXPIRED)
        except signing.BadSignature:
            self.abuse.append(Abuse.TAMPERED)
        else:
            self._form_key = payload["k"]
            age = timezone.now().timestamp() - payload["t"]
            if age < settings.ABUSE_FORM_MIN_SECONDS:
                self.abuse.append(Abuse.TOO_FAST)
        return cleaned

    def submission_key(self, request, *values: str) -> str:
        """
        The same for a resent copy of one submission, different for any other.

        Cached pages hand one form copy to many readers, so the copy's own key
        is combined with the sender's address and what they wrote.
        """
        parts = [self._form_key, client_ip(request), *values]
        return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()

    def refuse_abuse(self) -> bool:
        """For forms that refuse outright: add an error the sender can act on."""
        if Abuse.EXPIRED in self.abuse:
            self.add_error(
                None,
                _("This form was open too long. Please check it and send it again."),
            )
        elif self.abuse:
            self.add_error(
                None,
                _(
                    "That was quicker than we expected. "
                    "Please check the form and send it again."
                ),
            )
        if self.abuse:
            # A fresh token, so sending again can succeed.
            self.data = self.data.copy()
            self.data[self.add_prefix(ISSUED_FIELD)] = issue_token()
        return bool(self.abuse)


def rate_limited(request, *, group: str, rate: str) -> bool:
    """Count this request against ``group``'s per-address limit; True when over."""
    return is_ratelimited(
        request, group=group, key="ip", rate=rate, method=ALL, increment=True
    )


def too_many_requests(request):
    return render(request, "429.html", status=429)


def is_same_origin(request) -> bool:
    """
    Whether a POST comes from one of our own pages.

    Browsers say so in Sec-Fetch-Site, or name the page's origin in Origin
    (or Referer). A client that sends none of them is no browser acting for
    someone else, so it is not a cross-site request forgery.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in ("same-origin", "none")
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if not source or source == "null":
        return source is None
    return urlsplit(source).netloc == request.get_host()
