import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.helpers import link_in_mail, log_in

pytestmark = pytest.mark.django_db

User = get_user_model()

NEW_PASSWORD = "lens-shutter-aperture-42"
CONFIRM_LINK = r"/accounts/confirm-email/[-:\w]+/"
RESET_LINK = r"/accounts/password/reset/key/[0-9A-Za-z]+-\S+/"


def sign_up(client, email="new.reader@example.com", display_name="Ada Lovelace"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "display_name": display_name,
        },
    )


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_signup_creates_an_account_and_sends_a_confirmation_link(client):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.reader@example.com")
    assert user.display_name == "Ada Lovelace"
    assert not EmailAddress.objects.get(user=user).verified
    assert not is_logged_in(client)
    (message,) = mail.outbox
    assert message.to == ["new.reader@example.com"]
    assert link_in_mail(CONFIRM_LINK)


def test_signup_page_asks_for_a_display_name(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert 'name="display_name"' in response.content.decode()


def test_signup_refuses_a_weak_password_with_a_message(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "a@example.com", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(email="a@example.com").exists()


def test_login_before_confirming_is_sent_to_confirm_first(client):
    sign_up(client)
    response = log_in(client, "new.reader@example.com", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not is_logged_in(client)


def test_confirmation_link_shows_a_page_then_confirms_on_post(client):
    sign_up(client)
    link = link_in_mail(CONFIRM_LINK)
    address = EmailAddress.objects.get(email="new.reader@example.com")

    page = client.get(link)
    assert page.status_code == 200
    assert "new.reader@example.com" in page.content.decode()
    assert 'method="post"' in page.content.decode()
    address.refresh_from_db()
    assert not address.verified  # a mail scanner following links confirms nothing

    response = client.post(link)
    assert response.status_code == 302
    assert response.url == reverse("account_login")
    address.refresh_from_db()
    assert address.verified


def test_confirmed_reader_logs_in_by_email_in_any_case(client):
    sign_up(client)
    client.post(link_in_mail(CONFIRM_LINK))
    response = log_in(client, "New.Reader@Example.COM", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert is_logged_in(client)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_wrong_password_is_refused_with_a_message(client, reader):
    response = log_in(client, reader.email, "not-my-password")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
    assert not is_logged_in(client)


def test_logout_link_asks_for_confirmation_and_keeps_you_in(reader_client):
    response = reader_client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert is_logged_in(reader_client)


def test_logout_button_logs_out(reader_client):
    response = reader_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response.url == settings.ACCOUNT_LOGOUT_REDIRECT_URL
    assert not is_logged_in(reader_client)
    assert reader_client.get(reverse("accounts:profile")).status_code == 302


def test_password_reset_mails_a_link_that_sets_a_new_password(client, reader):
    response = client.post(reverse("account_reset_password"), {"email": reader.email})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    (message,) = mail.outbox
    assert message.to == [reader.email]

    # The key moves from the URL into the session before the form is shown.
    form_page = client.get(link_in_mail(RESET_LINK), follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_from_key_done")

    assert log_in(client, reader.email, NEW_PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, reader):
    response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.com"}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, reader):
    # ACCOUNT_RATE_LIMITS["login_failed"]: five failures per address in 5 minutes.
    for _attempt in range(5):
        response = log_in(client, reader.email, "guess")
        assert "not correct" in response.content.decode()
    response = log_in(client, reader.email, "correct-horse-battery-staple")
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_logged_in(client)


def test_lock_for_one_address_does_not_lock_out_another(client, reader, password):
    for _attempt in range(5):
        log_in(client, "someone.else@example.com", "guess")
    assert log_in(client, reader.email, password).status_code == 302


def test_flood_of_login_attempts_from_one_address_gets_429(client):
    # ACCOUNT_RATE_LIMITS["login"]: 30 sign-in attempts a minute per IP address.
    for attempt in range(30):
        response = log_in(client, f"guess{attempt}@example.com", "guess")
        assert response.status_code == 200
    response = log_in(client, "guess-last@example.com", "guess")
    assert response.status_code == 429
    assert "<footer" in response.content.decode()


def test_signup_with_a_taken_address_in_other_case_creates_no_account(client, reader):
    response = sign_up(client, email=reader.email.upper(), display_name="Impostor")
    # The same answer as for a new address, so addresses cannot be probed...
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    # ...but no second account, and the owner is told by mail.
    assert User.objects.filter(email__iexact=reader.email).count() == 1
    assert not User.objects.filter(display_name="Impostor").exists()
    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert "already exists" in message.body


def test_two_accounts_cannot_share_an_address_in_the_database(reader):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="other", email=reader.email.upper())
