"""
The anti-abuse shared by every public form (``cctvfocus.abuse``).

A honeypot, a signed issue time (time trap, expiry), a submission key that
recognises a resent copy of one submission, a per-address rate limit, and
the same-origin check for forms that carry no CSRF token.
"""

import time
from datetime import timedelta
from unittest.mock import patch

import pytest
from django import forms
from django.core import signing
from django.test import RequestFactory
from django.utils import timezone

from cctvfocus.abuse import (
    ISSUED_FIELD,
    Abuse,
    AntiAbuseFormMixin,
    is_same_origin,
    issue_token,
    rate_limited,
    too_many_requests,
)

pytestmark = pytest.mark.django_db


class EnquiryForm(AntiAbuseFormMixin, forms.Form):
    message = forms.CharField(max_length=100)


@pytest.fixture(autouse=True)
def _time_trap(settings):
    settings.ABUSE_FORM_MIN_SECONDS = 3
    settings.ABUSE_FORM_MAX_AGE = 2 * 24 * 60 * 60


def issued_ago(**delta):
    """A form copy handed out ``delta`` ago."""
    then = timezone.now() - timedelta(**delta)
    with (
        patch("django.utils.timezone.now", return_value=then),
        patch("time.time", return_value=then.timestamp()),
    ):
        return issue_token()


def checked(**data):
    data.setdefault("message", "Hello")
    data.setdefault(ISSUED_FIELD, issued_ago(seconds=30))
    form = EnquiryForm(data)
    valid = form.is_valid()
    return form, valid


# The form ---------------------------------------------------------------------


def test_a_person_passes_every_check():
    form, valid = checked()

    assert valid
    assert form.abuse == []


def test_a_new_form_carries_a_fresh_signed_copy():
    first, second = EnquiryForm(), EnquiryForm()

    token = first.fields[ISSUED_FIELD].initial
    assert token != second.fields[ISSUED_FIELD].initial
    assert 'type="hidden"' in str(first[ISSUED_FIELD])
    assert set(signing.loads(token, salt="cctvfocus.abuse.form")) == {"t", "k"}


def test_the_honeypot_is_labelled_for_people_and_hidden_from_them():
    field = str(EnquiryForm()["homepage"])

    assert 'class="hp-field"' in field
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field


def test_a_filled_honeypot_is_caught():
    form, valid = checked(homepage="https://spam.example")

    assert valid  # the form decides what it means; comments keep it as spam
    assert form.abuse == [Abuse.HONEYPOT]


def test_a_form_sent_back_too_quickly_is_caught():
    form, _ = checked(issued=issued_ago(seconds=1))

    assert form.abuse == [Abuse.TOO_FAST]


def test_a_form_sent_back_after_the_minimum_passes():
    form, _ = checked(issued=issued_ago(seconds=4))

    assert form.abuse == []


def test_a_form_kept_open_too_long_is_expired():
    form, _ = checked(issued=issued_ago(days=2, seconds=10))

    assert form.abuse == [Abuse.EXPIRED]


@pytest.mark.parametrize(
    "issued",
    [
        "",
        "not-a-token",
        signing.dumps({"t": 0, "k": "x"}, salt="another.salt"),
    ],
    ids=["missing", "garbage", "signed-for-something-else"],
)
def test_a_missing_or_forged_copy_is_caught(issued):
    form, _ = checked(issued=issued)

    assert form.abuse == [Abuse.TAMPERED]


def test_every_failure_is_listed():
    form, _ = checked(homepage="x", issued="forged")

    assert form.abuse == [Abuse.HONEYPOT, Abuse.TAMPERED]


@pytest.mark.parametrize(
    "field", ["homepage", ISSUED_FIELD, "message"], ids=["honeypot", "copy", "own"]
)
def test_oversized_fields_are_refused_not_stored(field):
    form, valid = checked(**{field: "x" * 1000})

    assert not valid
    assert field in form.errors


def test_refusing_abuse_explains_and_hands_out_a_fresh_copy():
    form, _ = checked(issued=issued_ago(seconds=1))
    old = form.data[ISSUED_FIELD]

    assert form.refuse_abuse() is True

    assert "quicker than we expected" in str(form.non_field_errors())
    assert form.data[ISSUED_FIELD] != old
    assert signing.loads(form.data[ISSUED_FIELD], salt="cctvfocus.abuse.form")


def test_refusing_an_expired_form_says_so():
    form, _ = checked(issued=issued_ago(days=3))

    form.refuse_abuse()

    assert "open too long" in str(form.non_field_errors())


def test_refusing_a_person_does_nothing():
    form, _ = checked()

    assert form.refuse_abuse() is False
    assert not form.non_field_errors()


# The submission key -----------------------------------------------------------


def key_for(token, *values, ip="192.0.2.1"):
    form, _ = checked(issued=token)
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    return form.submission_key(request, *values)


def test_a_resent_submission_has_the_same_key():
    token = issued_ago(seconds=30)

    assert key_for(token, "Hello", "None") == key_for(token, "Hello", "None")


def test_any_other_submission_has_another_key():
    token = issued_ago(seconds=30)
    key = key_for(token, "Hello", "None")

    assert key_for(issued_ago(seconds=30), "Hello", "None") != key  # another copy
    assert key_for(token, "Hello", "None", ip="192.0.2.2") != key  # another reader
    assert key_for(token, "Hello again", "None") != key  # other words
    assert key_for(token, "Hello", "7") != key  # a reply to something else


def test_the_key_fits_its_column():
    assert len(key_for(issued_ago(seconds=30), "Hello")) == 32


# Same origin ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "same"),
    [
        ({"Sec-Fetch-Site": "same-origin"}, True),
        ({"Sec-Fetch-Site": "none"}, True),
        ({"Sec-Fetch-Site": "same-site"}, False),
        ({"Sec-Fetch-Site": "cross-site"}, False),
        ({"Sec-Fetch-Site": "cross-site", "Origin": "http://testserver"}, False),
        ({"Origin": "http://testserver"}, True),
        ({"Origin": "https://evil.example"}, False),
        ({"Origin": "https://testserver.evil.example"}, False),
        ({"Origin": "null"}, False),
        ({"Referer": "http://testserver/blog/a-post/"}, True),
        ({"Referer": "https://evil.example/testserver/"}, False),
        ({"Origin": "https://evil.example", "Referer": "http://testserver/"}, False),
        ({}, True),
    ],
    ids=[
        "fetch-same-origin",
        "fetch-none",
        "fetch-same-site",
        "fetch-cross-site",
        "fetch-wins-over-origin",
        "origin-ours",
        "origin-other",
        "origin-lookalike",
        "origin-null",
        "referer-ours",
        "referer-other",
        "origin-wins-over-referer",
        "no-browser-headers",
    ],
)
def test_same_origin(headers, same):
    request = RequestFactory().post("/", headers=headers)

    assert is_same_origin(request) is same


# Rate limits ---------------------------------------------------------------------


def request_from(ip, method="POST"):
    return RequestFactory().generic(method, "/", REMOTE_ADDR=ip)


def test_the_rate_limit_lets_the_allowance_through_then_stops():
    answers = [
        rate_limited(request_from("192.0.2.1"), group="test", rate="5/m")
        for _ in range(6)
    ]

    assert answers == [False] * 5 + [True]


def test_the_rate_limit_is_per_address_and_per_group():
    for _ in range(5):
        rate_limited(request_from("192.0.2.1"), group="test", rate="5/m")

    assert rate_limited(request_from("192.0.2.1"), group="test", rate="5/m") is True
    assert rate_limited(request_from("192.0.2.2"), group="test", rate="5/m") is False
    assert rate_limited(request_from("192.0.2.1"), group="other", rate="5/m") is False


def test_the_rate_limit_window_passes():
    now = time.time()
    for _ in range(3):
        rate_limited(request_from("192.0.2.1"), group="test", rate="2/m")

    with patch("time.time", return_value=now + 120):
        later = rate_limited(request_from("192.0.2.1"), group="test", rate="2/m")

    assert later is False


def test_the_rate_limit_counts_the_address_behind_a_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def behind_proxy(client_address):
        request = request_from("10.0.0.1")
        request.META["HTTP_X_FORWARDED_FOR"] = client_address
        return rate_limited(request, group="test", rate="1/m")

    assert behind_proxy("192.0.2.1") is False
    assert behind_proxy("192.0.2.2") is False  # same proxy, another reader
    assert behind_proxy("192.0.2.1") is True


def test_too_many_requests_is_a_readable_429(site):
    response = too_many_requests(RequestFactory().get("/"))

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
