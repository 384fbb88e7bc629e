import time
from io import BytesIO
from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.helpers import log_in

pytestmark = pytest.mark.django_db

BACK_OFFICE = "Editorial back office"  # the admin index's title


def allauth_login_url(next_url):
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def authenticator_code(secret):
    """The code an authenticator app shows now (never one about to expire)."""
    if time.time() % 30 > 28:
        time.sleep(2.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def staff_with_totp(staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    staff.totp_secret = secret
    return staff


def test_staff_without_mfa_is_sent_to_set_it_up(client, staff, password):
    log_in(client, staff.email, password)
    response = client.get(reverse("admin:index"), follow=True)
    chain = [url for url, _status in response.redirect_chain]
    assert reverse("mfa_activate_totp") in chain
    assert BACK_OFFICE not in response.content.decode()
    assert "Set up two-factor authentication to use the back office" in (
        response.content.decode()
    )
    # allauth asks for the password once more before adding an authenticator.
    assert chain[-1] == (
        f"{reverse('account_reauthenticate')}?"
        f"{urlencode({'next': reverse('mfa_activate_totp')})}"
    )
    response = client.post(chain[-1], {"password": password}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert 'name="code"' in response.content.decode()
    assert BACK_OFFICE not in response.content.decode()


def test_staff_without_mfa_cannot_open_any_admin_page(staff_client):
    response = staff_client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    response = staff_client.get(response.url)
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_without_mfa_cannot_upload_through_the_editor(staff_client, settings):
    buffer = BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    staff_client.cookies["ckCsrfToken"] = "editor-token"
    response = staff_client.post(
        reverse("ckeditor_upload"),
        {
            "upload": SimpleUploadedFile("x.png", buffer.getvalue()),
            "ckCsrfToken": "editor-token",
        },
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not (settings.MEDIA_ROOT / "uploads").exists()


def test_staff_without_mfa_cannot_browse_editor_uploads(staff_client):
    response = staff_client.get(reverse("ckeditor_browse"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_staff_with_an_authenticator_can_browse_editor_uploads(client, staff_with_totp):
    client.force_login(staff_with_totp)
    assert client.get(reverse("ckeditor_browse")).status_code == 200


def test_staff_with_an_authenticator_signs_in_with_a_code_and_reaches_the_admin(
    client, staff_with_totp, password
):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0] == allauth_login_url(reverse("admin:index"))

    response = client.post(
        allauth_login_url(reverse("admin:index")),
        {"login": staff_with_totp.email, "password": password},
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not in until the code is given

    response = client.post(
        reverse("mfa_authenticate"),
        {"code": authenticator_code(staff_with_totp.totp_secret)},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("admin:index")
    assert BACK_OFFICE in response.content.decode()


def test_wrong_authenticator_code_keeps_staff_out(client, staff_with_totp, password):
    log_in(client, staff_with_totp.email, password)
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_with_an_authenticator_sees_the_admin_index(client, staff_with_totp):
    client.force_login(staff_with_totp)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert BACK_OFFICE in response.content.decode()


def test_without_the_mfa_requirement_staff_get_straight_in(
    client, staff, password, settings
):
    settings.STAFF_MFA_REQUIRED = False
    log_in(client, staff.email, password)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert BACK_OFFICE in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_sites_login_not_djangos(client):
    response = client.get(reverse("admin:index"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == allauth_login_url(reverse("admin:index"))
    assert 'id="login-form"' not in html  # Django admin's own login form
    assert 'name="login"' in html


def test_admin_login_address_redirects_to_the_sites_login(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url == allauth_login_url(reverse("admin:login"))


def test_admin_login_keeps_where_the_visitor_was_going(client):
    target = reverse("admin:accounts_user_changelist")
    response = client.get(f"{reverse('admin:login')}?{urlencode({'next': target})}")
    assert response.url == allauth_login_url(target)


def test_reader_is_refused_the_back_office(reader_client, settings):
    settings.STAFF_MFA_REQUIRED = False
    response = reader_client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert BACK_OFFICE not in response.content.decode()


def test_reader_with_an_authenticator_is_still_refused(reader_client, reader):
    TOTP.activate(reader, generate_totp_secret())
    response = reader_client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
