import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Issue, Subscriber
from tests.accounts.factories import DEFAULT_PASSWORD, EditorFactory
from tests.blog.factories import PostFactory
from tests.helpers import link_in_mail
from tests.newsletter.factories import IssueFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SUBJECT = "Doorbell cameras and your neighbours"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.STAFF_MFA_REQUIRED = False
    settings.ABUSE_FORM_MIN_SECONDS = 0


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()


def test_visitor_joins_in_the_footer_gets_an_issue_and_leaves_with_one_click(
    page, browser, site_over_http
):
    editor = EditorFactory()
    post = PostFactory(title="Where to point a doorbell camera")
    issue = IssueFactory(subject=SUBJECT, posts=[post])

    # A visitor signs up in the footer of the home page, without JavaScript's help.
    page.goto("/")
    footer = page.locator(".footer-newsletter")
    footer.get_by_label("Your e-mail address").fill("  Visitor@Example.com ")
    footer.get_by_role("checkbox").check()
    footer.get_by_role("button", name="Subscribe").click()
    expect(page.locator("h1")).to_have_text("Check your inbox")
    assert not Subscriber.objects.exists()

    # The link in the mail opens a page; its button confirms.
    (confirmation,) = mail.outbox
    assert confirmation.to == ["visitor@example.com"]
    page.goto(link_in_mail(r"/newsletter/confirm/[^/\s]+/"))
    expect(page.locator("main")).to_contain_text("visitor@example.com")
    assert not Subscriber.objects.exists()
    page.get_by_role("button", name="Yes, subscribe me").click()
    expect(page.locator("h1")).to_have_text("You are subscribed")
    assert Subscriber.objects.confirmed().get().email == "visitor@example.com"

    # The editor sends the issue from the back office.
    sign_in(page, editor)
    page.goto(f"/admin/newsletter/issue/{issue.pk}/change/")
    page.get_by_role("button", name="Send now to every subscriber").click()
    expect(page.locator(".messagelist")).to_contain_text("Sending to 1 subscriber.")
    expect(page.locator(".field-progress_bar")).to_contain_text("1 sent, 0 failed")
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT

    # It arrives, with a working one-click unsubscribe link.
    (copy,) = [message for message in mail.outbox if message.subject == SUBJECT]
    assert copy.to == ["visitor@example.com"]
    assert copy.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = urlsplit(copy.extra_headers["List-Unsubscribe"].strip("<>")).path
    assert unsubscribe in copy.body

    # The mail app posts to it: no session, no cookie, no token.
    mail_app = browser.new_context(base_url=site_over_http.url)
    response = mail_app.request.post(
        unsubscribe, form={"List-Unsubscribe": "One-Click"}
    )
    assert response.ok
    mail_app.close()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    # Opening the link later says so.
    page.goto(unsubscribe)
    expect(page.locator("h1")).to_have_text("You are not subscribed")
