"""
An enquiry, in a real browser: a reader fills in the contact form and lands
on the thank-you page, the acknowledgement (and the staff notice) go out, and
an editor finds the enquiry in the back office, takes it, closes it, and sees
both changes in its history.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from contact.models import Enquiry
from tests.accounts.factories import DEFAULT_PASSWORD, EditorFactory
from tests.contact.factories import SiteDetailsFactory, current_site

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INBOX = "inbox@cctvfocus.example"
READER = "harriet@example.com"
MESSAGE = (
    "We run a garden centre with two gates and a car park.\n\n"
    "Could someone visit to suggest where the cameras should go?"
)


@pytest.fixture(autouse=True)
def _journey_settings(settings):
    settings.ABUSE_FORM_MIN_SECONDS = 0  # the browser fills forms in no time
    settings.STAFF_MFA_REQUIRED = False
    settings.CONTACT_INBOX = [INBOX]


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_reader_sends_an_enquiry_editor_takes_and_closes_it(page):
    SiteDetailsFactory(site=current_site())
    editor = EditorFactory(display_name="Eddie Editor")

    # The reader finds the form beside the company's details, and sends it.
    page.goto("/contact/")
    details = page.locator("aside.contact__details")
    expect(details.get_by_role("link", name="+44 20 7946 0321")).to_have_attribute(
        "href", "tel:+442079460321"
    )
    form = page.locator("form.contact-form")
    form.get_by_label("Your name").fill("Harriet Lowe")
    form.get_by_role("textbox", name="E-mail", exact=True).fill(READER)
    form.get_by_role("textbox", name=re.compile("^Phone")).fill("0113 496 0123")
    form.get_by_label("What is it about?").select_option(label="A quote")
    form.get_by_label("Your message").fill(MESSAGE)
    form.get_by_role("radio", name="Phone").check()
    form.get_by_label(re.compile("^Store my message")).check()
    form.get_by_role("button", name="Send your enquiry").click()

    # The thank-you page says what happens next; reloading it sends nothing.
    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))
    expect(page.locator("h1")).to_have_text("Thank you: your enquiry has arrived")
    expect(page.locator("main")).to_contain_text("What happens next")
    page.reload()
    assert Enquiry.objects.count() == 1

    # The acknowledgement reached the reader, and staff were told.
    (acknowledgement,) = [m for m in mail.outbox if m.to == [READER]]
    assert acknowledgement.subject == "We have your enquiry: A quote"
    assert "by phone as you asked" in acknowledgement.body
    (notice,) = [m for m in mail.outbox if m.to == [INBOX]]
    assert notice.reply_to == [f"Harriet Lowe <{READER}>"]

    # The editor sees it waiting on the admin index and opens it.
    sign_in(page, editor)
    page.goto("/admin/")
    page.locator("#attention").get_by_role("link", name="1 new enquiry").click()
    row = page.locator("#result_list tbody tr", has_text="Harriet Lowe")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="Harriet Lowe").click()
    expect(page.locator(".enquiry-message")).to_contain_text(
        "Could someone visit to suggest where the cameras should go?"
    )

    # They take it, then close it.
    page.get_by_label("Assigned to:").select_option(label="Eddie Editor")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_label("Status:").select_option(label="Closed")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # The history shows both changes, with who made them.
    history = page.locator("#events-group")
    expect(history).to_contain_text("Assigned to Eddie Editor")
    expect(history).to_contain_text("Status: New → Closed")
    enquiry = Enquiry.objects.get()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert enquiry.assigned_to == editor
    assert [(e.description, e.by) for e in enquiry.events.all()] == [
        ("Received", None),
        ("Assigned to Eddie Editor", editor),
        ("Status: New → Closed", editor),
    ]

    # Nothing is waiting any more.
    page.goto("/admin/")
    expect(page.locator("#attention")).to_contain_text("0 new enquiries")
