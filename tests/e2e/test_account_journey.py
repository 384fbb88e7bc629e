import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "ada@example.com"
PASSWORD = "lens-shutter-aperture-42"


def confirmation_path():
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)[1]


def test_visitor_signs_up_confirms_logs_in_edits_profile_and_logs_out(page, site):
    header = page.locator("header.site-header")

    page.goto("/accounts/login/")
    expect(header).to_contain_text(site.name)
    header.get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))

    page.get_by_label("Display name").fill("Ada")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign up", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    page.goto(confirmation_path())
    expect(page.locator("main")).to_contain_text(EMAIL)
    page.locator("main").get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))

    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))

    page.get_by_label("Display name").fill("Ada Lovelace")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Your profile is saved.")
    expect(page.get_by_label("Display name")).to_have_value("Ada Lovelace")
    page.reload()
    expect(page.get_by_label("Display name")).to_have_value("Ada Lovelace")

    header.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main")).to_contain_text("You have signed out.")
    expect(header.get_by_role("link", name="Log in")).to_be_visible()
    expect(header.get_by_role("button", name="Log out")).to_have_count(0)
