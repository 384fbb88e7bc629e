"""
A conversation under a post, in a real browser: a guest's first comment waits
for moderation (and only they see it), an editor approves it in the back
office, the guest's next comment appears at once, and a reply (held, then
approved) reaches the first commenter by e-mail.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from comments.models import Comment
from tests.accounts.factories import DEFAULT_PASSWORD, AuthorFactory, EditorFactory
from tests.blog.factories import PostFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Where should a doorbell camera point?"
GRACE = "grace@example.com"


@pytest.fixture(autouse=True)
def _journey_settings(settings):
    settings.ABUSE_FORM_MIN_SECONDS = 0  # the browser fills forms in no time
    settings.STAFF_MFA_REQUIRED = False


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()


def write_comment(form, body, *, name=None, email=None, notify=False):
    if name is not None:
        form.get_by_label("Name", exact=True).fill(name)
        form.get_by_label("E-mail", exact=True).fill(email)
    form.get_by_label("Comment", exact=True).fill(body)
    if notify:
        form.get_by_label("E-mail me when someone replies").check()
    form.get_by_role("button", name="Post comment").click()


def approve_in_back_office(page, text):
    page.goto("/admin/comments/comment/?status=pending")
    row = page.locator("#result_list tr", has_text=text)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("approve")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment approved.")


def comment_item(tab, comment):
    return tab.locator(f"li#comment-{comment.pk}")


def test_guest_comments_editor_approves_reply_is_emailed(page, browser, site_over_http):
    post = PostFactory(title=TITLE, author=AuthorFactory())
    editor = EditorFactory()

    problems = []

    def new_tab():
        # Readers browse in their own contexts (their own cookies); like the
        # ``page`` fixture's tab, these fail the journey on any console error.
        context = browser.new_context(base_url=site_over_http.url, locale="en-GB")
        tab = context.new_page()
        tab.on(
            "console",
            lambda message: (
                problems.append(message.text) if message.type == "error" else None
            ),
        )
        tab.on("pageerror", lambda error: problems.append(str(error)))
        return context, tab

    # A guest's first comment waits, and they are told so on their comment.
    grace_context, grace = new_tab()
    grace.goto(post.get_absolute_url())
    write_comment(
        grace.locator("#comment-form"),
        "Point it at your own path, not the pavement.",
        name="Grace Guest",
        email=GRACE,
        notify=True,
    )
    first = Comment.objects.get(email=GRACE)
    expect(grace).to_have_url(re.compile(rf"#comment-{first.pk}$"))
    expect(grace.locator(".messages")).to_contain_text("awaiting moderation")
    expect(comment_item(grace, first).locator(".comment__pending")).to_contain_text(
        "awaiting moderation"
    )
    assert first.status == Comment.Status.PENDING

    # Nobody else sees it yet.
    other_context, other = new_tab()
    other.goto(post.get_absolute_url())
    expect(other.locator(".comments")).not_to_contain_text("not the pavement")

    # An editor approves it in the back office.
    sign_in(page, editor)
    approve_in_back_office(page, "not the pavement")
    other.reload()
    expect(comment_item(other, first)).to_contain_text("not the pavement")
    expect(other.locator("#comments-heading")).to_have_text("1 comment")

    # The guest's next comment appears at once.
    grace.goto(post.get_absolute_url())
    write_comment(
        grace.locator("#comment-form"),
        "And keep the footage no longer than you need.",
        name="Grace Guest",
        email=GRACE,
    )
    expect(grace.locator(".messages")).to_contain_text("your comment is published")
    second = Comment.objects.get(body__startswith="And keep the footage")
    assert second.status == Comment.Status.APPROVED
    other.reload()
    expect(comment_item(other, second)).to_contain_text("no longer than you need")
    expect(comment_item(other, second).locator(".comment__pending")).to_have_count(0)

    # Another reader replies to the first comment; as a new guest they wait.
    comment_item(other, first).get_by_role("link", name="Reply to Grace Guest").click()
    form = other.locator("#comment-form")
    expect(form).to_contain_text("Replying to Grace Guest")
    write_comment(
        form,
        "A fair point, but what about the car on the drive?",
        name="Hal Neighbour",
        email="hal@example.com",
    )
    reply = Comment.objects.get(email="hal@example.com")
    assert (reply.parent_id, reply.status) == (first.pk, Comment.Status.PENDING)
    expect(comment_item(other, reply).locator(".comment__pending")).to_be_visible()
    assert [m for m in mail.outbox if GRACE in m.to] == []

    # Once the editor approves the reply, Grace hears of it, once.
    approve_in_back_office(page, "car on the drive")
    (notice,) = [message for message in mail.outbox if GRACE in message.to]
    assert notice.subject == f"Hal Neighbour replied to your comment on {TITLE}"
    assert "car on the drive" in notice.body
    assert f"#comment-{reply.pk}" in notice.body

    grace.reload()
    expect(
        comment_item(grace, first).locator(f"li#comment-{reply.pk}")
    ).to_contain_text("car on the drive")
    for context in (grace_context, other_context):
        context.close()
    assert problems == [], "the readers' browsers reported errors"
