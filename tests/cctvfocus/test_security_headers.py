import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.helpers import log_in

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def public_page(client):
    return client.get(reverse("account_login"))


def test_public_pages_allow_scripts_and_styles_from_the_site_only(public_page):
    csp = policy(public_page)
    assert public_page.status_code == 200
    assert "'self'" in csp["script-src"]
    assert "'self'" in csp["style-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["default-src"] == ["'self'"]


def test_public_pages_cannot_be_framed_or_load_plugins(public_page):
    csp = policy(public_page)
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert public_page.headers["X-Frame-Options"] == "DENY"


def test_public_pages_send_the_policy_even_when_the_page_is_missing(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in policy(response)["style-src"]


def test_back_office_gets_the_wider_policy_its_editor_needs(staff_client, settings):
    settings.STAFF_MFA_REQUIRED = False
    response = staff_client.get(reverse("admin:index"))
    csp = policy(response)
    assert response.status_code == 200
    assert "'unsafe-inline'" in csp["style-src"]
    assert "'self'" in csp["frame-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    # Scripts stay strict even there.
    assert "'unsafe-inline'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]


def test_wider_policy_stays_inside_the_back_office(staff_client, settings):
    settings.STAFF_MFA_REQUIRED = False
    staff_client.get(reverse("admin:index"))
    response = staff_client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert "'unsafe-inline'" not in policy(response)["style-src"]
    assert policy(response)["frame-ancestors"] == ["'none'"]


def test_pages_limit_referrers_and_browser_features(public_page):
    headers = public_page.headers
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    features = {
        item.strip() for item in headers["Permissions-Policy"].split(",") if item
    }
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in features


def test_https_requests_are_told_to_stay_on_https(client):
    response = client.get(reverse("account_login"), secure=True)
    hsts = response.headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    # A plain-HTTP answer must not carry it (browsers would ignore it anyway).
    assert "Strict-Transport-Security" not in client.get(reverse("account_login"))


def test_session_cookie_is_secure_and_hidden_from_scripts(client, reader, password):
    response = log_in(client, reader.email, password, secure=True)
    assert response.status_code == 302
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_csrf_cookie_is_secure_and_hidden_from_scripts(client):
    response = client.get(reverse("account_login"), secure=True)
    cookie = response.cookies[django_settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_requests_for_another_host_are_refused(client):
    response = client.get(reverse("account_login"), HTTP_HOST="attacker.example")
    assert response.status_code == 400


# Settings are read from the environment once, at start-up, so what an operator
# gets from a given environment is checked by starting Django in a subprocess.

SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "SESSION_COOKIE_SECURE": s.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": s.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": s.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": s.SECURE_HSTS_SECONDS,
    "STAFF_MFA_REQUIRED": s.STAFF_MFA_REQUIRED,
    "upgrade-insecure-requests":
        "upgrade-insecure-requests" in s.CONTENT_SECURITY_POLICY["DIRECTIVES"],
}))
"""


def start_django(**environ):
    """Start Django in a fresh interpreter with only the given variables."""
    # Empty values also keep a developer's .env from filling these gaps.
    base = {"SECRET_KEY": "", "ALLOWED_HOSTS": ""}
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=django_settings.BASE_DIR,
        env={
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "cctvfocus.settings",
            **base,
            **environ,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django(DEBUG="0", ALLOWED_HOSTS="www.example.com")
    assert result.returncode != 0
    assert "Set SECRET_KEY: it is required when DEBUG is off." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = start_django(DEBUG="0", SECRET_KEY="a-long-random-production-secret")
    assert result.returncode != 0
    assert "Set ALLOWED_HOSTS: it is required when DEBUG is off." in result.stderr


def test_debug_is_off_unless_asked_for():
    result = start_django(ALLOWED_HOSTS="www.example.com")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_starts_with_secure_defaults():
    result = start_django(
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret",
        ALLOWED_HOSTS="www.example.com",
        STAFF_MFA_REQUIRED="0",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        # Two-factor sign-in for staff cannot be switched off in production.
        "STAFF_MFA_REQUIRED": True,
        "upgrade-insecure-requests": True,
    }


def test_local_development_starts_without_any_configuration():
    result = start_django(DEBUG="1", STAFF_MFA_REQUIRED="0")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["SESSION_COOKIE_SECURE"] is False
    assert shown["SECURE_SSL_REDIRECT"] is False
    assert shown["STAFF_MFA_REQUIRED"] is False
